"""Demo content: the year's meetings, so the funding page shows a deadline and applications find a round,
and a login for the preparation group.

Four preparation group meetings a year and a board meeting ten days after each, counted from
the day the demo is loaded, and a board meeting that day, so a decision can be recorded at once;
loading it again adds none that exist.
"""

from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone

from applications.models import Meeting
from home.roles import PREPARATION_GROUP

FIRST_MEETING_IN_DAYS = 30
MEETING_INTERVAL_DAYS = 91
BOARD_AFTER_DAYS = 10
PLACE = "Förbundets kansli, Lycksele"
PREPARATION_LOGIN = {"username": "beredning", "first_name": "Berit", "last_name": "Beredare"}


def load(context):
    ensure_preparation_login(context)
    today = timezone.localdate()
    meetings = [(Meeting.Kind.BOARD, today)]
    for number in range(4):
        preparation = today + timedelta(days=FIRST_MEETING_IN_DAYS + number * MEETING_INTERVAL_DAYS)
        meetings += [
            (Meeting.Kind.PREPARATION, preparation),
            (Meeting.Kind.BOARD, preparation + timedelta(days=BOARD_AFTER_DAYS)),
        ]
    created_count = 0
    for kind, day in meetings:
        _meeting, created = Meeting.objects.get_or_create(kind=kind, date=day, defaults={"place": PLACE})
        created_count += created
    if created_count:
        context.note(f"{created_count} möten för beredningsgruppen och styrelsen")


def ensure_preparation_login(context):
    """The demo's member of the preparation group (Beredningsgrupp), with the demo password."""
    user, created = User.objects.get_or_create(
        username=PREPARATION_LOGIN["username"],
        defaults={
            "first_name": PREPARATION_LOGIN["first_name"],
            "last_name": PREPARATION_LOGIN["last_name"],
            "email": "beredning@example.org",
        },
    )
    if created:
        user.set_password(context.password)
        user.save()
        user.groups.add(Group.objects.get(name=PREPARATION_GROUP))
        context.note("användaren beredning (Beredningsgrupp)")
