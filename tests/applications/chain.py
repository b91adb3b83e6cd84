"""Helpers of the decision tests: a case ready for the board, the people of each role, a meeting.

Plain functions (not fixtures), so the decision, permission and minutes tests share them without a
conftest of their own beside the intake tests'.
"""

import datetime
import itertools

from django.contrib.auth.models import Group, User
from django.utils import timezone

from applications.models import Application, Meeting
from home.models import OrganisationSettings, Principal
from home.roles import BOARD, COORDINATOR, PREPARATION_GROUP

_sequence = itertools.count(1)
APPLICANT_EMAIL = "sokande@example.org"


def person(username, group_name):
    user = User.objects.create_user(username, f"{username}@example.org", "pw", first_name=username.title())
    user.groups.add(Group.objects.get(name=group_name))
    return user


def people():
    """One user per role, by role name (coordinator, preparation, board, admin)."""
    return {
        "coordinator": person("samordnare-d", COORDINATOR),
        "preparation": person("beredning-d", PREPARATION_GROUP),
        "board": person("styrelse-d", BOARD),
        "admin": User.objects.create_superuser("admin-d", "admin-d@example.org", "pw"),
    }


def principals(count=2):
    """The first ``count`` principals of the default site's organisation (made when the demo has none)."""
    settings = OrganisationSettings.objects.first()
    existing = list(Principal.objects.filter(settings=settings)[:count])
    for number in range(len(existing), count):
        existing.append(Principal.objects.create(settings=settings, name=f"Huvudman {number}", url="https://e.se"))
    return existing


def make_case(title="Arbetsträning i Lycksele", budget=450_000, **fields):
    """A case as the intake leaves it: received, two principals, a period starting next month."""
    year = timezone.localdate().year
    sequence = next(_sequence)
    start = timezone.localdate() + datetime.timedelta(days=30)
    values = {
        "year": year,
        "sequence": sequence,
        "number": Application.format_number(year, sequence),
        "applicant_name": "Siv Sökande",
        "applicant_organisation": "Lycksele kommun",
        "applicant_email": APPLICANT_EMAIL,
        "title": title,
        "description": "Arbetsträning för unga vuxna som står långt från arbetsmarknaden.",
        "period_start": start,
        "period_end": start + datetime.timedelta(days=365),
        "budget": budget,
        **fields,
    }
    application = Application.objects.create(**values)
    application.parties.set(principals(2))
    return application


def board_meeting(days_ago=0, **fields):
    """The board's meeting ``days_ago`` days ago (one a day, as the meetings' constraint wants)."""
    meeting, _created = Meeting.objects.get_or_create(
        kind=Meeting.Kind.BOARD, date=timezone.localdate() - datetime.timedelta(days=days_ago), defaults=fields
    )
    return meeting
