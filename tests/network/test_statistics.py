"""A mailing's statistics from replayed provider events: counted once, aggregate only unless switched on."""

import base64
import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from home.site_texts import TRACKING_AGGREGATE, TRACKING_PER_PERSON, privacy_notice
from network import statistics
from network.models import Delivery, MailingActivity, TrackingEvent, email_hash
from tests.network.factories import DeliveryFactory, MailingFactory

pytestmark = pytest.mark.django_db

URL = "/anymail/postmark/tracking/"
SECRET = "hook:s3cret"
SENT_AT = datetime.datetime(2026, 11, 5, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def anymail_settings(settings):
    settings.ANYMAIL_ESP = "postmark"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}


@pytest.fixture
def mailing(db):
    mailing = MailingFactory()
    type(mailing).objects.filter(pk=mailing.pk).update(created_at=SENT_AT)
    mailing.refresh_from_db()
    return mailing


@pytest.fixture
def deliveries(mailing):
    return [DeliveryFactory(mailing=mailing) for _ in range(3)]


def post(client, payload):
    auth = "Basic " + base64.b64encode(SECRET.encode()).decode()
    response = client.post(URL, json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=auth)
    assert response.status_code == 200
    return response


def at(hours):
    return (SENT_AT + datetime.timedelta(hours=hours)).isoformat().replace("+00:00", "Z")


def delivered(delivery, hours=0):
    return {"RecordType": "Delivery", "MessageID": delivery.provider_message_id, "Recipient": delivery.email,
            "DeliveredAt": at(hours)}  # fmt: skip


def bounced(delivery, event_id, hours=0):
    return {"RecordType": "Bounce", "ID": event_id, "Type": "HardBounce", "TypeCode": 1,
            "MessageID": delivery.provider_message_id, "Email": delivery.email, "BouncedAt": at(hours)}  # fmt: skip


def opened(delivery, hours=1):
    return {"RecordType": "Open", "MessageID": delivery.provider_message_id, "Recipient": delivery.email,
            "ReceivedAt": at(hours), "FirstOpen": True}  # fmt: skip


def clicked(delivery, hours=2, link="https://lycksele.example/press/"):
    return {"RecordType": "Click", "MessageID": delivery.provider_message_id, "Recipient": delivery.email,
            "ReceivedAt": at(hours), "OriginalLink": link}  # fmt: skip


def replay(client, deliveries):
    first, second, third = deliveries
    events = [
        delivered(first),
        delivered(second),
        bounced(third, 9001),
        opened(first, 1),
        opened(first, 5),
        opened(second, 1),
        clicked(first, 2),
    ]
    for payload in events:
        post(client, payload)
    return events


def test_statistics_from_replayed_events(client, mailing, deliveries):
    replay(client, deliveries)
    figures = statistics.summary(mailing, now=SENT_AT + datetime.timedelta(hours=10))
    totals = figures["totals"]
    assert (totals["delivered"], totals["bounced"], totals["opened"], totals["clicked"]) == (2, 1, 3, 1)
    assert totals["recipients"] == 3 and totals["sent"] == 2
    assert figures["per_person"] is False and "openers" not in totals
    by_hour = {bucket["start"].astimezone(datetime.UTC).hour: bucket for bucket in figures["series"]}
    assert by_hour[9]["delivered"] == 2 and by_hour[9]["bounced"] == 1
    assert by_hour[10]["opened"] == 2 and by_hour[11]["clicked"] == 1 and by_hour[14]["opened"] == 1
    assert sum(bucket["opened"] for bucket in figures["series"]) == 3


def test_the_same_events_twice_count_once(client, mailing, deliveries):
    events = replay(client, deliveries)
    before = statistics.summary(mailing)["totals"]
    for payload in events:
        post(client, payload)
    assert statistics.summary(mailing)["totals"] == before
    assert TrackingEvent.objects.count() == len(events)


def test_by_default_nothing_records_who_opened_or_clicked(client, mailing, deliveries):
    replay(client, deliveries)
    engagement = TrackingEvent.objects.filter(event_type__in=["opened", "clicked"])
    assert engagement.count() == 4
    for event in engagement:
        assert event.message_id == "" and event.recipient_hash == ""
        for delivery in deliveries:
            assert delivery.provider_message_id not in event.event_id
            assert email_hash(delivery.email) not in event.event_id
    assert not Delivery.objects.filter(opened_at__isnull=False).exists()
    assert not Delivery.objects.filter(clicked_at__isnull=False).exists()
    # What is kept is counts per mailing and hour: nothing there names a delivery or a person.
    fields = {field.name for field in MailingActivity._meta.get_fields()}
    assert fields == {"id", "mailing", "event_type", "hour", "count"}
    # Bounces still name their message (they must, to suppress the address).
    assert TrackingEvent.objects.get(event_type="bounced").message_id == deliveries[2].provider_message_id


def test_per_person_tracking_when_switched_on(client, settings, mailing, deliveries):
    settings.NETWORK_TRACK_PERSONS = True
    first, second, _third = deliveries
    replay(client, deliveries)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.opened_at == SENT_AT + datetime.timedelta(hours=1)  # the first open, not the latest
    assert first.clicked_at == SENT_AT + datetime.timedelta(hours=2)
    assert second.opened_at is not None and second.clicked_at is None
    totals = statistics.summary(mailing)["totals"]
    assert (totals["opened"], totals["openers"], totals["clickers"]) == (3, 2, 1)
    assert TrackingEvent.objects.filter(event_type="opened", message_id=first.provider_message_id).count() == 2
    post(client, opened(first, 0.5))  # reported late, but earlier than the first one recorded
    first.refresh_from_db()
    assert first.opened_at == SENT_AT + datetime.timedelta(minutes=30)


def test_an_open_of_an_unknown_message_is_recorded_and_counted_nowhere(client, mailing):
    post(client, {"RecordType": "Open", "MessageID": "unknown", "Recipient": "x@example.org", "ReceivedAt": at(1)})
    assert TrackingEvent.objects.count() == 1
    assert not MailingActivity.objects.exists()


def test_admin_mailing_page_shows_totals_chart_and_table(client, admin_user, mailing, deliveries):
    replay(client, deliveries)
    client.force_login(admin_user)
    page = client.get(reverse("network_mailing:inspect", args=[mailing.pk])).content.decode()
    assert '<dd data-statistic="opened">3</dd>' in page
    assert '<dd data-statistic="delivered">2</dd>' in page
    assert '<svg role="img"' in page and "<rect" in page
    assert 'id="statistics-table"' in page
    assert "sparar inte vem som öppnade" in page
    assert "Öppnat</th>" not in page  # no per-person column by default


def test_admin_shows_per_person_columns_only_when_switched_on(client, settings, admin_user, mailing, deliveries):
    settings.NETWORK_TRACK_PERSONS = True
    replay(client, deliveries)
    client.force_login(admin_user)
    page = client.get(reverse("network_mailing:inspect", args=[mailing.pk])).content.decode()
    assert "Öppnat</th>" in page and '<dd data-statistic="openers">2</dd>' in page


def test_the_chart_of_an_old_mailing_is_by_day():
    mailing = MailingFactory()
    now = timezone.now()
    type(mailing).objects.filter(pk=mailing.pk).update(created_at=now - datetime.timedelta(days=10))
    mailing.refresh_from_db()
    series = statistics.summary(mailing, now=now)["series"]
    assert 10 <= len(series) <= 11
    assert series[1]["start"] - series[0]["start"] == datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("on", "text", "other"),
    [(False, TRACKING_AGGREGATE, TRACKING_PER_PERSON), (True, TRACKING_PER_PERSON, TRACKING_AGGREGATE)],
)
def test_the_privacy_notice_says_what_is_tracked(settings, on, text, other):
    settings.NETWORK_TRACK_PERSONS = on
    org = {"name": "Förbundet", "email": "a@example.org", "phone": "1", "postal_address": ""}
    _intro, body = privacy_notice(org)
    html = "".join(value for _kind, value in body)
    assert text in html and other not in html
