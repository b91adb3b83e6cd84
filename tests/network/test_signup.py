"""Public signup with double opt-in: /natverket/ and /natverket/bekrafta/<token>/."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network.models import MailingList, Subscriber, Subscription, Suppression, email_hash
from network.tokens import make_token
from tests.network.factories import SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/natverket/"


def post(on_commit, client, data, **extra):
    return on_commit(client.post, SIGNUP_URL, data, **extra)


def form_data(**overrides):
    data = {
        "name": "Anna Andersson",
        "email": "anna@example.org",
        "organisation": "forsakringskassan",
        "lists": [str(MailingList.objects.get(slug="natverket").pk)],
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def confirm_link(message):
    return re.search(r"http://testserver(/natverket/bekrafta/[^/\s]+/)", message.body).group(1)


def test_signup_page_shows_form_with_consent_text_and_public_lists_only(on_commit, client):
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<legend>Vad vill du få?</legend>" in html
    assert "Förbundet sparar mitt namn" in html
    assert 'for="id_email"' in html
    assert "Nätverket" in html
    assert "Media (sändlista)" not in html
    assert html.count("<h1>") == 1


def test_signup_stores_consent_and_sends_exactly_one_confirmation(on_commit, client):
    response = on_commit(client.post, SIGNUP_URL, form_data(email="Anna@Example.org"), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302
    assert response["Location"] == reverse("network:signup_done")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Anna@Example.org"
    assert subscriber.confirmed_at is None
    assert "Förbundet sparar mitt namn" in subscriber.consent_text
    assert subscriber.consent_ip == "192.0.2.7"
    assert subscriber.consent_source == "signup"
    assert subscriber.consent_at is not None
    assert subscriber.organisation == "forsakringskassan"
    subscription = subscriber.subscriptions.get()
    assert subscription.mailing_list.slug == "natverket" and subscription.confirmed_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Anna@Example.org"]
    assert "Bekräfta" in mail.outbox[0].subject
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_confirmation_get_does_not_confirm_post_does_and_link_works_once(on_commit, client):
    on_commit(client.post, SIGNUP_URL, form_data())
    link = confirm_link(mail.outbox[0])

    response = client.get(link)
    assert response.status_code == 200
    assert "Bekräfta anmälan" in response.content.decode()
    assert Subscriber.objects.get().confirmed_at is None

    response = client.post(link)
    assert response.status_code == 200
    assert "Anmälan bekräftad" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is not None
    assert subscriber.subscriptions.get().active

    confirmed_at = subscriber.confirmed_at
    response = client.post(link)
    assert response.status_code == 410
    assert "Länken är redan använd" in response.content.decode()
    assert Subscriber.objects.get().confirmed_at == confirmed_at


def test_expired_confirmation_link_changes_nothing(client):
    pending = SubscriptionFactory(subscriber=SubscriberFactory(confirmed_at=None), confirmed_at=None).subscriber
    token = make_token(pending, "confirm")

    later = timezone.now() + timedelta(hours=48, minutes=1)
    with mock.patch("time.time", return_value=later.timestamp()):
        response = client.post(reverse("network:confirm", args=[token]))
    assert response.status_code == 410
    assert "Länken har gått ut" in response.content.decode()
    pending.refresh_from_db()
    assert pending.confirmed_at is None


@pytest.mark.parametrize("purpose", ["confirm", "unsubscribe", "manage"])
def test_tampered_confirmation_token_is_refused(on_commit, client, purpose):
    pending = SubscriberFactory(confirmed_at=None)
    token = make_token(pending, purpose)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (tampered, "x", "a" * 500, token + "x"):
        response = client.post(reverse("network:confirm", args=[bad]))
        assert response.status_code == 400, bad
        assert "Länken fungerar inte" in response.content.decode()
    if purpose != "confirm":
        response = client.post(reverse("network:confirm", args=[token]))
        assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_known_and_unknown_addresses_get_identical_responses(on_commit, client, subscriber):
    pending = SubscriberFactory(confirmed_at=None)
    suppressed = "gone@example.org"
    Suppression.objects.create(email_hash=email_hash(suppressed), reason=Suppression.Reason.ERASED)
    responses = []
    for email in ("new@example.org", subscriber.email.upper(), pending.email, suppressed):
        response = on_commit(client.post, SIGNUP_URL, form_data(email=email))
        responses.append((response.status_code, response["Location"], response.content))
        follow = client.get(response["Location"])
        responses.append((follow.status_code, follow.content))
    assert responses[0::2] == [responses[0]] * 4
    assert responses[1::2] == [responses[1]] * 4


def test_existing_confirmed_address_changes_nothing_and_gets_at_most_one_notice(on_commit, client, subscriber):
    media = MailingList.objects.get(slug="media")
    media.public = True
    media.save()
    for _ in range(3):
        on_commit(client.post, SIGNUP_URL, form_data(email=subscriber.email, name="Inkräktare", lists=[str(media.pk)]))
    subscriber.refresh_from_db()
    assert subscriber.name != "Inkräktare"
    assert list(subscriber.subscriptions.values_list("mailing_list__slug", flat=True)) == ["natverket"]
    assert len(mail.outbox) == 1
    assert "redan" in mail.outbox[0].subject
    assert "/natverket/installningar/" in mail.outbox[0].body


def test_pending_address_gets_no_second_email_while_link_is_alive(on_commit, client):
    on_commit(client.post, SIGNUP_URL, form_data())
    on_commit(client.post, SIGNUP_URL, form_data())
    assert len(mail.outbox) == 1
    Subscriber.objects.update(consent_at=timezone.now() - timedelta(hours=49))
    on_commit(client.post, SIGNUP_URL, form_data(name="Anna A"))
    assert len(mail.outbox) == 2
    assert Subscriber.objects.get().name == "Anna A"


def test_suppressed_address_never_gets_a_confirmation_again(on_commit, client):
    Suppression.objects.create(email_hash=email_hash("blocked@example.org"), reason=Suppression.Reason.BOUNCED)
    for _ in range(2):
        response = on_commit(client.post, SIGNUP_URL, form_data(email=" Blocked@Example.org "))
        assert response.status_code == 302
    assert mail.outbox == []
    assert not Subscriber.objects.exists()
    assert Suppression.objects.get().reason == Suppression.Reason.BOUNCED


def test_honeypot_answers_like_success_but_stores_and_sends_nothing(on_commit, client):
    response = on_commit(client.post, SIGNUP_URL, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == reverse("network:signup_done")
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": ""}, "Skriv din e-postadress."),
        ({"email": "inte-en-adress"}, "Skriv en giltig e-postadress"),
        ({"name": ""}, "Skriv ditt namn."),
        ({"organisation": ""}, "Välj vilken organisation du tillhör."),
        ({"organisation": "nasa"}, "Välj en organisation i listan."),
        ({"lists": []}, "Välj minst en lista."),
        ({"lists": ["9" * 30]}, "Välj bland listorna som visas."),
        ({"lists": ["-1", "²"]}, "Välj bland listorna som visas."),
        ({"consent": ""}, "Du behöver samtycka"),
    ],
)
def test_invalid_signup_shows_swedish_errors_and_writes_nothing(on_commit, client, overrides, message):
    response = on_commit(client.post, SIGNUP_URL, form_data(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert message in html
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_non_public_list_cannot_be_chosen(on_commit, client):
    media = MailingList.objects.get(slug="media")
    response = on_commit(client.post, SIGNUP_URL, form_data(lists=[str(media.pk)]))
    assert "Välj bland listorna som visas." in response.content.decode()
    assert not Subscription.objects.exists()


def test_rate_limit_per_ip(on_commit, client, settings):
    settings.NETWORK_SIGNUP_RATE_LIMIT = 3
    for n in range(3):
        response = post(on_commit, client, form_data(email=f"p{n}@example.org"), REMOTE_ADDR="198.51.100.1")
        assert response.status_code == 302
    response = on_commit(client.post, SIGNUP_URL, form_data(email="p9@example.org"), REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert not Subscriber.objects.filter(email="p9@example.org").exists()
    other = on_commit(client.post, SIGNUP_URL, form_data(email="q@example.org"), REMOTE_ADDR="198.51.100.2")
    assert other.status_code == 302


def test_forwarded_for_is_ignored_unless_proxies_are_trusted(on_commit, client, settings):
    settings.NETWORK_SIGNUP_RATE_LIMIT = 1
    forged = {"REMOTE_ADDR": "203.0.113.5"}
    on_commit(client.post, SIGNUP_URL, form_data(email="a1@example.org"), HTTP_X_FORWARDED_FOR="10.0.0.1", **forged)
    response = post(on_commit, client, form_data(email="a2@example.org"), HTTP_X_FORWARDED_FOR="10.0.0.2", **forged)
    assert response.status_code == 429

    settings.NETWORK_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for n, chain in enumerate(["1.1.1.1, 192.0.2.10", "2.2.2.2, 192.0.2.11"]):
        response = post(on_commit, client, form_data(email=f"b{n}@example.org"), HTTP_X_FORWARDED_FOR=chain, **proxy)
        assert response.status_code == 302
    assert Subscriber.objects.get(email="b0@example.org").consent_ip == "192.0.2.10"
    response = post(
        on_commit, client, form_data(email="b9@example.org"), HTTP_X_FORWARDED_FOR="9.9.9.9, 192.0.2.10", **proxy
    )
    assert response.status_code == 429
