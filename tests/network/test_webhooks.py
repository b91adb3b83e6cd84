"""anymail tracking webhooks: authentication, delivery updates, suppression and replays."""

import base64
import hashlib
import hmac
import json

import pytest
from anymail import urls as anymail_urls
from django.test import Client

from network.models import Delivery, Subscriber, Suppression, TrackingEvent, email_hash
from tests.network.factories import DeliveryFactory, SubscriptionFactory
from tests.test_settings import production_env, run

pytestmark = pytest.mark.django_db

POSTMARK_URL = "/anymail/postmark/tracking/"
MAILGUN_URL = "/anymail/mailgun/tracking/"
SECRET = "hook:s3cret"
# Every anymail webhook URL but postmark's tracking one: other providers', inbound and combined ones.
OTHER_URLS = [
    "/anymail/" + str(pattern.pattern).strip("^$").replace("(_mime)?", "")
    for pattern in anymail_urls.urlpatterns
    if pattern.name != "postmark_tracking_webhook"
]
MAILGUN_KEY = "mailgun-signing-key"


@pytest.fixture(autouse=True)
def anymail_settings(settings):
    settings.ANYMAIL_ESP = "postmark"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_KEY}


def auth(credentials=SECRET):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials.encode()).decode()}


def postmark(client, payload, **extra):
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(POSTMARK_URL, body, content_type="application/json", **{**auth(), **extra})


def bounce(delivery, event_id=4323372036854775807, record_type="Bounce", kind="HardBounce"):
    return {
        "RecordType": record_type,
        "ID": event_id,
        "Type": kind,
        "TypeCode": 1,
        "MessageID": delivery.provider_message_id,
        "Email": delivery.email,
        "BouncedAt": "2026-11-05T16:33:54.9070259Z",
        "Description": "The server was unable to deliver your message.",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
    }


@pytest.fixture
def delivery(db):
    subscription = SubscriptionFactory()
    return DeliveryFactory(subscriber=subscription.subscriber)


def test_hard_bounce_marks_delivery_suppresses_address_and_ends_subscriptions(client, delivery):
    response = postmark(client, bounce(delivery))
    assert response.status_code == 200
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.BOUNCED
    assert "550 5.1.1" in delivery.error
    suppression = Suppression.objects.get()
    assert suppression.email_hash == email_hash(delivery.email)
    assert suppression.reason == Suppression.Reason.BOUNCED
    assert not delivery.subscriber.subscriptions.get().active


def test_spam_complaint_marks_delivery_and_suppresses(client, delivery):
    postmark(client, bounce(delivery, record_type="SpamComplaint", kind="SpamComplaint"))
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.COMPLAINED
    assert Suppression.objects.get().reason == Suppression.Reason.COMPLAINED


def test_delivered_event_confirms_a_delivery_still_marked_sending(client, delivery):
    Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.SENDING)
    payload = {
        "RecordType": "Delivery",
        "MessageID": delivery.provider_message_id,
        "Recipient": delivery.email,
        "DeliveredAt": "2026-11-05T16:33:54Z",
        "Details": "Test delivery",
    }
    assert postmark(client, payload).status_code == 200
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.SENT
    assert postmark(client, payload).status_code == 200
    assert TrackingEvent.objects.count() == 1


def test_delivered_after_bounce_does_not_undo_the_bounce(client, delivery):
    postmark(client, bounce(delivery))
    postmark(client, {"RecordType": "Delivery", "MessageID": delivery.provider_message_id, "Recipient": delivery.email})
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.BOUNCED


def test_replayed_event_changes_nothing_twice(client, delivery):
    assert postmark(client, bounce(delivery)).status_code == 200
    Suppression.objects.all().delete()
    subscription = delivery.subscriber.subscriptions.get()
    subscription.unsubscribed_at = None
    subscription.save()
    assert postmark(client, bounce(delivery)).status_code == 200
    assert not Suppression.objects.exists()
    assert delivery.subscriber.subscriptions.get().active
    assert TrackingEvent.objects.count() == 1


def test_event_for_unknown_message_still_suppresses_the_recipient(client):
    subscription = SubscriptionFactory()
    payload = {
        "RecordType": "Bounce",
        "ID": 1,
        "Type": "HardBounce",
        "MessageID": "unknown",
        "Email": subscription.subscriber.email.upper(),
    }
    assert postmark(client, payload).status_code == 200
    assert Suppression.objects.get().email_hash == subscription.subscriber.email_hash
    assert not subscription.subscriber.subscriptions.get().active


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), (auth("hook:wrong"), 403), (auth("nocolon"), 403), ({"HTTP_AUTHORIZATION": "Bearer x"}, 403)],
)
def test_bad_or_missing_basic_auth_is_refused_and_writes_nothing(delivery, headers, status):
    client = Client()
    response = client.post(POSTMARK_URL, json.dumps(bounce(delivery)), content_type="application/json", **headers)
    assert response.status_code == status
    if status == 401:
        assert response["WWW-Authenticate"].startswith("Basic")
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.SENT
    assert not Suppression.objects.exists()
    assert not TrackingEvent.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        b"\xff\xfe\x00binary",
        "[]",
        "[1, 2]",
        "null",
        '"string"',
        '{"RecordType": "Bounce", "Type": {"nested": 1}}',
        '{"RecordType": ["x"]}',
        "{" * 5000,
        "[" * 100_000 + "]" * 100_000,
        '{"a": ' * 50_000 + "1" + "}" * 50_000,
        json.dumps({"RecordType": "Bounce", "ID": 7, "Type": "HardBounce", "Email": "x@example.org", "Details": [[]]}),
        json.dumps({"RecordType": "Mystery", "ID": 1, "MessageID": "m", "Email": "x@example.org"}),
        json.dumps({"RecordType": "Bounce", "ID": {"$gt": ""}, "Email": 5}),
        json.dumps([{"RecordType": "Bounce"}] * 1000),
    ],
)
def test_malformed_bodies_get_400_or_are_ignored_never_500(client, delivery, body):
    response = postmark(client, body)
    assert response.status_code in (200, 400)
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.SENT
    assert not Suppression.objects.filter(email_hash=email_hash(delivery.email)).exists()


def test_an_oversized_body_is_refused_with_413(client, delivery, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    payload = bounce(delivery) | {"Description": "x" * 20_000}
    assert postmark(client, payload).status_code == 413
    assert not TrackingEvent.objects.exists()


@pytest.mark.parametrize("url", OTHER_URLS)
def test_only_the_configured_providers_tracking_webhook_exists(client, url):
    response = client.post(url, "{}", content_type="application/json", **auth())
    assert response.status_code == 404


def test_without_a_provider_no_webhook_exists(client, delivery, settings):
    settings.ANYMAIL_ESP = ""
    assert postmark(client, bounce(delivery)).status_code == 404
    assert not Suppression.objects.exists()


def test_a_configured_provider_missing_its_signing_key_answers_503_not_500(client, delivery, settings):
    settings.ANYMAIL_ESP = "mailgun"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    response = client.post(
        MAILGUN_URL, json.dumps(mailgun_payload(delivery)), content_type="application/json", **auth()
    )
    assert response.status_code == 503
    assert not Suppression.objects.exists()


@pytest.mark.parametrize("secret", [{}, {"ANYMAIL_WEBHOOK_SECRET": ""}])
def test_production_refuses_to_start_with_a_provider_and_no_webhook_secret(tmp_path, secret):
    env = production_env() | {"ANYMAIL_ESP": "postmark", "ANYMAIL_POSTMARK_SERVER_TOKEN": "token"} | secret
    result = run(["manage.py", "check", "--deploy"], "production", tmp_path, **env)
    assert result.returncode != 0
    assert "ANYMAIL_WEBHOOK_SECRET must be set in production" in result.stderr


def test_production_starts_with_a_provider_and_its_webhook_secret(tmp_path):
    env = production_env() | {
        "ANYMAIL_ESP": "postmark",
        "ANYMAIL_POSTMARK_SERVER_TOKEN": "token",
        "ANYMAIL_WEBHOOK_SECRET": "user:pass",
    }
    result = run(["manage.py", "check", "--deploy", "--fail-level", "ERROR"], "production", tmp_path, **env)
    assert result.returncode == 0, result.stdout + result.stderr


def mailgun_payload(delivery, key=MAILGUN_KEY, token="a" * 50):
    timestamp = "1700000000"
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": {
            "event": "failed",
            "severity": "permanent",
            "timestamp": 1700000000.5,
            "recipient": delivery.email,
            "reason": "bounce",
            "message": {"headers": {"message-id": delivery.provider_message_id}},
            "delivery-status": {"message": "550 No such user", "description": ""},
        },
    }


def test_mailgun_signed_event_is_applied(client, delivery, settings):
    settings.ANYMAIL_ESP = "mailgun"
    Delivery.objects.filter(pk=delivery.pk).update(provider_message_id=f"<{delivery.provider_message_id}>")
    payload = mailgun_payload(delivery)
    response = client.post(MAILGUN_URL, json.dumps(payload), content_type="application/json", **auth())
    assert response.status_code == 200
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.BOUNCED
    assert Suppression.objects.filter(email_hash=email_hash(delivery.email)).exists()


def test_mailgun_bad_signature_is_refused_even_with_good_basic_auth(client, delivery, settings):
    settings.ANYMAIL_ESP = "mailgun"
    payload = mailgun_payload(delivery, key="forged-key")
    response = client.post(MAILGUN_URL, json.dumps(payload), content_type="application/json", **auth())
    assert response.status_code == 403
    assert not TrackingEvent.objects.exists()
    assert not Suppression.objects.exists()


def test_receiver_error_is_contained(client, delivery, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("network.receivers.suppress", explode)
    assert postmark(client, bounce(delivery)).status_code == 200
    assert not TrackingEvent.objects.exists()
    assert Subscriber.objects.get().subscriptions.get().active
