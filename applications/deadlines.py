"""Which preparation meeting an application goes to, and by when it must arrive.

Applications for a preparation group meeting are due ``APPLICATIONS_DEADLINE_LEAD_DAYS`` before
it. One that arrives later goes to the following meeting, so the meeting for a day is the first
whose deadline is that day or later. Each association has its own meetings and so its own rounds.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from applications import conf
from applications.models import Meeting


def lead_time():
    return timedelta(days=conf.get("APPLICATIONS_DEADLINE_LEAD_DAYS"))


@dataclass(frozen=True)
class Round:
    """A preparation meeting and what an applicant is told about it.

    ``deadline`` is the last day to apply for it, ``board_meeting`` the first board meeting on or
    after it (if recorded), ``missed`` the earlier preparation meeting whose deadline had passed
    when the application arrived (None if it was in time).
    """

    meeting: Meeting
    deadline: date
    board_meeting: Meeting | None
    missed: Meeting | None


def round_of(meeting, received_on):
    """The round of ``meeting`` for an application received on the day ``received_on``."""
    meetings = Meeting.objects.filter(association_id=meeting.association_id)
    return Round(
        meeting=meeting,
        deadline=meeting.date - lead_time(),
        board_meeting=meetings.board().on_or_after(meeting.date).first(),
        missed=meetings.preparation().on_or_after(received_on).filter(date__lt=meeting.date).first(),
    )


def round_for(association, day=None):
    """The round of ``association`` an application received on ``day`` (default today) belongs to,
    or None if no preparation meeting far enough ahead is recorded."""
    day = day or timezone.localdate()
    meeting = Meeting.next_preparation(after=day + lead_time(), association=association)
    return round_of(meeting, day) if meeting else None


def application_round(application):
    """The round a received application is in (its preparation meeting), or None without one."""
    meeting = application.preparation_meeting
    return round_of(meeting, timezone.localtime(application.created_at).date()) if meeting else None
