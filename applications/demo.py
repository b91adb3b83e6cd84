"""Demo content: the year's meetings, so the funding page shows a deadline and applications find a round.

Four preparation group meetings a year and a board meeting ten days after each, counted from
the day the demo is loaded; loading it again adds none that exist.
"""

from datetime import timedelta

from django.utils import timezone

from applications.models import Meeting

FIRST_MEETING_IN_DAYS = 30
MEETING_INTERVAL_DAYS = 91
BOARD_AFTER_DAYS = 10
PLACE = "Förbundets kansli, Lycksele"


def load(context):
    today = timezone.localdate()
    created_count = 0
    for number in range(4):
        preparation = today + timedelta(days=FIRST_MEETING_IN_DAYS + number * MEETING_INTERVAL_DAYS)
        for kind, day in (
            (Meeting.Kind.PREPARATION, preparation),
            (Meeting.Kind.BOARD, preparation + timedelta(days=BOARD_AFTER_DAYS)),
        ):
            _meeting, created = Meeting.objects.get_or_create(kind=kind, date=day, defaults={"place": PLACE})
            created_count += created
    if created_count:
        context.note(f"{created_count} möten för beredningsgruppen och styrelsen")
