"""Meetings and deadlines: the next deadline is the next preparation meeting minus the lead time; a late
application goes to the following meeting, and the receipt says so."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from applications import demo
from applications.deadlines import round_for
from applications.models import Application, Meeting
from home.associations import default_association
from home.demo import DemoContext
from tests.applications.conftest import good_files

pytestmark = pytest.mark.django_db

DAY = date(2027, 3, 1)


@pytest.fixture
def calendar(db):
    return {
        "spring": Meeting.objects.create(kind=Meeting.Kind.PREPARATION, date=date(2027, 3, 20)),
        "summer": Meeting.objects.create(kind=Meeting.Kind.PREPARATION, date=date(2027, 6, 5)),
        "board": Meeting.objects.create(kind=Meeting.Kind.BOARD, date=date(2027, 4, 2)),
        "board_later": Meeting.objects.create(kind=Meeting.Kind.BOARD, date=date(2027, 6, 20)),
    }


@pytest.mark.parametrize(
    ("day", "meeting", "deadline", "missed"),
    [
        (date(2027, 3, 1), "spring", date(2027, 3, 6), None),
        (date(2027, 3, 6), "spring", date(2027, 3, 6), None),
        (date(2027, 3, 7), "summer", date(2027, 5, 22), "spring"),
        (date(2027, 3, 20), "summer", date(2027, 5, 22), "spring"),
        (date(2027, 3, 21), "summer", date(2027, 5, 22), None),
    ],
)
def test_the_round_of_a_day(calendar, day, meeting, deadline, missed):
    application_round = round_for(default_association(), day)
    assert application_round.meeting == calendar[meeting]
    assert application_round.deadline == deadline
    assert application_round.missed == (calendar[missed] if missed else None)


def test_the_board_meeting_is_the_first_on_or_after_the_preparation(calendar):
    assert round_for(default_association(), date(2027, 3, 1)).board_meeting == calendar["board"]
    assert round_for(default_association(), date(2027, 4, 1)).board_meeting == calendar["board_later"]
    assert round_for(default_association(), date(2027, 5, 22)).board_meeting == calendar["board_later"]


def test_the_lead_time_is_a_setting(calendar, settings):
    settings.APPLICATIONS_DEADLINE_LEAD_DAYS = 30
    assert round_for(default_association(), date(2027, 2, 18)).meeting == calendar["spring"]
    assert round_for(default_association(), date(2027, 2, 19)).meeting == calendar["summer"]


def test_without_a_meeting_far_enough_ahead_there_is_no_round(calendar):
    assert round_for(default_association(), date(2027, 5, 23)) is None
    assert round_for(default_association(), date(2028, 1, 1)) is None


def test_board_meetings_are_no_deadline(db):
    Meeting.objects.create(kind=Meeting.Kind.BOARD, date=DAY + timedelta(days=60))
    assert round_for(default_association(), DAY) is None


def test_the_funding_page_shows_the_next_deadline(client, home_page, db):
    meeting = Meeting.objects.create(kind=Meeting.Kind.PREPARATION, date=timezone.localdate() + timedelta(days=40))
    deadline = meeting.date - timedelta(days=14)
    response = client.get("/soka-medel/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ansök om medel på webben" in html
    assert f"<strong>{deadline.day} " in html
    assert 'href="/soka-medel/ansok/"' in html


def test_the_funding_page_says_when_no_deadline_is_set(client, home_page):
    assert "Nästa sista ansökningsdag är inte bestämd än" in client.get("/soka-medel/").content.decode()


def test_a_late_application_goes_to_the_following_meeting_and_the_receipt_says_which(
    post_application, application_data, unlimited_forms
):
    today = timezone.localdate()
    missed = Meeting.objects.create(kind=Meeting.Kind.PREPARATION, date=today + timedelta(days=10))
    following = Meeting.objects.create(kind=Meeting.Kind.PREPARATION, date=today + timedelta(days=50))

    response = post_application({**application_data, "attachments": good_files()})

    assert Application.objects.get().preparation_meeting == following
    (receipt,) = mail.outbox
    for body in (receipt.body, receipt.alternatives[0][0], response.content.decode()):
        assert f"efter sista ansökningsdag för beredningsgruppens möte den {missed.date.day} " in body
        assert f"behandlas på beredningsgruppens möte den {following.date.day} " in body


def test_coordinator_records_meetings_in_the_admin(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("wagtailsnippets_applications_meeting:add"),
        {"kind": Meeting.Kind.PREPARATION, "date": "2027-03-20", "place": "Lycksele"},
    )
    assert response.status_code == 302
    assert Meeting.objects.get().place == "Lycksele"


def test_the_demo_records_a_year_of_meetings_once(home_page):
    context = DemoContext(site=home_page.get_site(), home=home_page, users={}, password="")
    demo.load(context)
    demo.load(context)
    assert Meeting.objects.preparation().count() == 4
    # One after each preparation meeting, and one today, where the demo's decisions are recorded.
    assert Meeting.objects.board().count() == 5
    assert round_for(default_association()) is not None
