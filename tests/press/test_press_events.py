"""Press conferences and events: the press room, the calendar, the mailing of a first publication, registration."""

import datetime
import random

import pytest
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.test.utils.form_data import rich_text

from network import gdpr
from network.models import Mailing, MailingList
from press.models import EventRegistration, PressEvent
from site_lycksele import stale
from tests.press.factories import PressEventFactory, subscribe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

CALENDAR = "/press/evenemang.ics"


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish ``event``'s latest content (after commit, as a real request would: the mailing goes out)."""

    def run(event):
        with django_capture_on_commit_callbacks(execute=True):
            event.save_revision().publish()
        event.refresh_from_db()
        return event

    return run


@pytest.fixture
def live_event(press_room, publish):
    return publish(PressEventFactory())


def calendar_events(client):
    response = client.get(CALENDAR)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(component["summary"]): component for component in calendar.walk("VEVENT")}


def registrations_url(event):
    return f"/press/evenemang/{event.slug}/"


def mailings_of(event):
    return Mailing.objects.filter(content_type=ContentType.objects.get_for_model(PressEvent), object_id=str(event.pk))


# The calendar


def test_calendar_has_live_events_with_time_place_and_absolute_link(client, live_event):
    event = calendar_events(client)[live_event.title]
    assert event["dtstart"].dt == live_event.starts_at
    assert event["dtend"].dt == live_event.ends_at
    assert str(event["location"]) == "Kommunhuset, sal A, Storgatan 1, Lycksele"
    assert str(event["url"]) == f"http://testserver/press/evenemang/{live_event.slug}/"
    assert str(event["uid"]) == f"evenemang-{live_event.pk}@testserver"
    assert "Anmälan: http://testserver/press/evenemang/" in str(event["description"])


def test_nothing_unpublished_is_in_the_calendar(client, press_room, live_event, publish):
    PressEventFactory(title="Utkast").save_revision()
    withdrawn = publish(PressEventFactory(title="Avpublicerad"))
    withdrawn.unpublish()
    scheduled = PressEventFactory(title="Schemalagd", go_live_at=timezone.now() + datetime.timedelta(days=1))
    scheduled.save_revision().publish()
    edited = publish(PressEventFactory(title="Publicerad rubrik"))
    edited.title = "Ändrad men inte publicerad"
    edited.save_revision()
    assert set(calendar_events(client)) == {live_event.title, "Publicerad rubrik"}
    for hidden in (withdrawn, scheduled):
        assert client.get(registrations_url(hidden)).status_code == 404


def test_an_event_without_end_lasts_an_hour_in_the_calendar(client, press_room, publish):
    event = publish(PressEventFactory(ends_at=None, title="Utan sluttid"))
    component = calendar_events(client)["Utan sluttid"]
    assert component["dtend"].dt - component["dtstart"].dt == datetime.timedelta(hours=1)
    assert component["dtstart"].dt == event.starts_at


def test_calendar_answers_only_at_the_press_room(client, live_event):
    assert client.get("/nyheter/evenemang.ics").status_code == 404
    assert client.get("/evenemang.ics").status_code == 404


def test_press_room_shows_upcoming_events_and_links_the_calendar(client, press_room, live_event, publish):
    past = PressEventFactory(title="Förra årets konferens")
    past.starts_at = timezone.now() - datetime.timedelta(days=30)
    past.ends_at = past.starts_at + datetime.timedelta(hours=3)
    publish(past)
    page = client.get("/press/").content.decode()
    assert live_event.title in page and registrations_url(live_event) in page
    assert "Förra årets konferens" not in page
    assert 'type="text/calendar"' in page and 'href="/press/evenemang.ics"' in page


def test_sitemap_lists_live_events(client, live_event):
    assert f"http://testserver/press/evenemang/{live_event.slug}/" in client.get("/sitemap.xml").content.decode()


# Mailed on first publication


def test_first_publication_mails_the_chosen_lists_once(press_room, publish):
    subscribe("redaktion@example.org", "media")
    subscribe("natverk@example.org", "natverket")
    event = publish(PressEventFactory())
    assert mailings_of(event).count() == 1
    assert [message.to for message in mail.outbox] == [["redaktion@example.org"]]
    message = mail.outbox[0]
    assert message.subject.startswith(f"Inbjudan: {event.title}, ")
    assert "Kommunhuset, sal A" in message.body and f"http://testserver/press/evenemang/{event.slug}/" in message.body
    event.lead = "Ny tid för frågor."
    publish(event)
    assert mailings_of(event).count() == 1
    assert len(mail.outbox) == 1


def test_a_scheduled_event_is_mailed_only_when_it_goes_live(press_room):
    event = PressEventFactory(go_live_at=timezone.now() + datetime.timedelta(hours=2))
    event.save_revision().publish()
    assert not mailings_of(event).exists()


# Registration


def post(client, event, **data):
    return client.post(registrations_url(event), data)


def test_registration_is_stored_once_per_address(client, live_event):
    response = post(client, live_event, name="Anna Andersson", email="Anna@Example.org", organisation="Folkbladet")
    assert response.status_code == 200 and "Tack! Du är anmäld." in response.content.decode()
    registration = EventRegistration.objects.get()
    assert (registration.name, registration.email, registration.organisation) == (
        "Anna Andersson",
        "anna@example.org",
        "Folkbladet",
    )
    again = post(client, live_event, name="Anna A", email="ANNA@example.org")
    assert "redan anmäld" in again.content.decode()
    assert EventRegistration.objects.count() == 1


HOSTILE = [
    ({}, "Skriv ditt namn."),
    ({"name": "   ", "email": "a@example.org"}, "Skriv ditt namn."),
    ({"name": "Anna"}, "Skriv din e-postadress."),
    ({"name": "Anna", "email": "inte-en-adress"}, "Skriv en giltig e-postadress"),
    ({"name": "Anna", "email": "a@example.org\r\nBcc: b@example.org"}, "Skriv en giltig e-postadress"),
    ({"name": "Anna\x00", "email": "a@example.org"}, "styrtecken"),
    ({"name": "Anna\nBcc: b@example.org", "email": "a@example.org"}, "styrtecken"),
    ({"name": "x" * 201, "email": "a@example.org"}, "Högst 200 tecken."),
    ({"name": "Anna", "email": "a@example.org", "organisation": "y" * 201}, "Högst 200 tecken."),
    ({"name": "Anna", "email": "a" * 250 + "@example.org"}, "Högst 254 tecken."),
    ({"name": "Anna", "email": "a@example.org", "organisation": "\u202e\x07"}, "styrtecken"),
]


@pytest.mark.parametrize(("data", "error"), HOSTILE)
def test_bad_registration_input_gets_a_swedish_error_and_stores_nothing(client, live_event, data, error):
    response = post(client, live_event, **data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not EventRegistration.objects.exists()


def test_fuzzed_registration_input_never_fails_or_half_writes(client, settings, live_event):
    settings.HOME_FORM_RATE_LIMIT = 1000
    generator = random.Random(19)
    alphabet = "aåäöZ@.-_ \t\n\r\x00\x1f\u202e\ufeff\ufffd'\"<>&;%{}é😀"
    for round_number in range(60):
        data = {
            key: "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 300)))
            for key in ("name", "email", "organisation", "hemsida_url")
            if generator.random() < 0.9
        }
        if round_number % 4 == 0:
            data.pop("hemsida_url", None)
        before = EventRegistration.objects.count()
        response = post(client, live_event, **data)
        assert response.status_code == 200, data
        stored = EventRegistration.objects.count() - before
        assert stored in (0, 1)
        if stored:
            registration = EventRegistration.objects.latest("pk")
            assert registration.name.strip() and "\x00" not in registration.name


def test_a_robot_is_thanked_and_stored_nowhere(client, live_event):
    response = post(client, live_event, name="Bot", email="bot@example.org", hemsida_url="http://spam.example")
    assert "Tack! Du är anmäld." in response.content.decode()
    assert not EventRegistration.objects.exists()


def test_registration_is_refused_when_closed_or_full(client, press_room, publish):
    closed = PressEventFactory(registration_closes_at=timezone.now() - datetime.timedelta(minutes=1))
    closed.starts_at = timezone.now() + datetime.timedelta(days=1)
    publish(closed)
    assert "Anmälan är stängd." in client.get(registrations_url(closed)).content.decode()
    assert "Anmälan är stängd." in post(client, closed, name="Anna", email="a@example.org").content.decode()
    full = publish(PressEventFactory(capacity=1))
    post(client, full, name="Anna", email="a@example.org")
    response = post(client, full, name="Bo", email="b@example.org")
    assert "Evenemanget är fullbokat." in response.content.decode()
    assert list(EventRegistration.objects.values_list("email", flat=True)) == ["a@example.org"]


def test_registration_is_rate_limited_per_address(client, settings, live_event):
    settings.HOME_FORM_RATE_LIMIT = 2
    for number in range(2):
        assert post(client, live_event, name="Anna", email=f"a{number}@example.org").status_code == 200
    response = post(client, live_event, name="Anna", email="a9@example.org")
    assert response.status_code == 429 and "För många anmälningar" in response.content.decode()
    assert EventRegistration.objects.count() == 2


def test_an_event_with_a_registration_link_has_no_form(client, press_room, publish):
    event = publish(PressEventFactory(registration_form=False, registration_url="https://anmalan.example/konferens"))
    page = client.get(registrations_url(event)).content.decode()
    assert 'href="https://anmalan.example/konferens"' in page and '<form method="post"' not in page
    post(client, event, name="Anna", email="a@example.org")
    assert not EventRegistration.objects.exists()


def test_registrations_are_in_the_persons_export_and_erased_with_them(client, live_event):
    post(client, live_event, name="Anna", email="anna@example.org", organisation="Folkbladet")
    person = subscribe("anna@example.org", "media")
    exported = gdpr.export_data(person)["event_registrations"]
    assert exported[0]["event"] == live_event.title and exported[0]["organisation"] == "Folkbladet"
    gdpr.erase(person)
    assert not EventRegistration.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ends_at_offset": -1}, "ends_at"),
        ({"registration_url": "https://anmalan.example/"}, "registration_form"),
        ({"closes_offset": 1}, "registration_closes_at"),
    ],
)
def test_an_event_that_cannot_be_right_is_refused(press_room, fields, field):
    event = PressEventFactory.build()
    if "ends_at_offset" in fields:
        event.ends_at = event.starts_at + datetime.timedelta(hours=fields["ends_at_offset"])
    if "closes_offset" in fields:
        event.registration_closes_at = event.starts_at + datetime.timedelta(hours=fields["closes_offset"])
    event.registration_url = fields.get("registration_url", "")
    with pytest.raises(ValidationError) as refused:
        event.clean()
    assert field in refused.value.message_dict


def test_the_coordinator_writes_and_publishes_events_and_the_board_reads_them(coordinator, board_member):
    for permission in ("add", "change", "publish", "view"):
        assert coordinator.has_perm(f"press.{permission}_pressevent")
    assert board_member.has_perm("press.view_pressevent")
    assert not board_member.has_perm("press.change_pressevent")


def test_the_edge_cache_purges_the_calendar_with_the_press_room(press_room, live_event):
    assert "http://testserver/press/evenemang.ics" in stale.after_publication(live_event).urls


def event_admin_url(name, *args):
    return reverse(PressEvent.snippet_viewset.get_url_name(name), args=[quote(arg) for arg in args])


def test_the_coordinator_announces_an_event_in_the_admin(
    client, coordinator, press_room, django_capture_on_commit_callbacks
):
    subscribe("redaktion@example.org", "media")
    client.force_login(coordinator)
    form = client.get(event_admin_url("add")).content.decode()
    assert 'name="starts_at"' in form and 'name="registration_form"' in form
    media = MailingList.objects.get(slug="media")
    data = {
        "title": "Presskonferens om årets resultat",
        "slug": "presskonferens-arets-resultat",
        "kind": "presskonferens",
        "lead": "Styrelsen presenterar resultatet.",
        "body": rich_text("<p>Välkommen!</p>"),
        "starts_at": "2027-03-01 10:00",
        "ends_at": "2027-03-01 11:00",
        "place": "Kommunhuset",
        "address": "",
        "registration_url": "",
        "registration_form": "on",
        "registration_closes_at": "",
        "capacity": "20",
        "distribution": [str(media.pk)],
        "go_live_at": "",
        "expire_at": "",
        "action-publish": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event_admin_url("add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = PressEvent.objects.get(slug="presskonferens-arets-resultat")
    assert event.live and mailings_of(event).count() == 1
    assert [message.to for message in mail.outbox] == [["redaktion@example.org"]]
    post(client, event, name="Anna", email="anna@example.org")
    edit = client.get(event_admin_url("edit", event.pk)).content.decode()
    assert "1 anmäld av 20 platser." in edit and "anna@example.org" in edit
    assert "Öppningar" in edit  # the mailing's statistics


def test_the_board_may_not_change_events(client, board_member, live_event):
    client.force_login(board_member)
    response = client.post(event_admin_url("edit", live_event.pk), {"title": "Ändrad"})
    assert response.status_code in (302, 403)
    live_event.refresh_from_db()
    assert live_event.title != "Ändrad"
