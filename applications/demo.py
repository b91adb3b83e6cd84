"""Demo content for load_demo: a preparation group login and the coming meetings (idempotent)."""

from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone

from applications.models import Meeting
from home.roles import PREPARATION_GROUP

PREPARATION_LOGIN = {"username": "beredning", "first_name": "Berit", "last_name": "Beredare"}


def load(context):
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
    today = timezone.localdate()
    # The board meets today in the demo, so a decision can be recorded at once, and again later.
    planned = {Meeting.Kind.PREPARATION: (30,), Meeting.Kind.BOARD: (0, 45)}
    for kind, days in planned.items():
        if Meeting.objects.filter(kind=kind, date__gte=today).exists():
            continue
        for offset in days:
            meeting = Meeting.objects.create(kind=kind, date=today + timedelta(days=offset), place="Lycksele")
            context.note(f"mötet {meeting}")
