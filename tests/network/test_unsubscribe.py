"""Unsubscribe (RFC 8058 one-click) and "manage my subscriptions" through personal links."""

import json
import re
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from network.models import Delivery, MailingList, Subscriber, Suppression
from network.tokens import make_token, token_for
from tests.network.factories import DeliveryFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


def unsubscribe_url(subscriber):
    return reverse("network:unsubscribe", args=[make_token(subscriber, "unsubscribe")])


def manage_url(subscriber):
    return reverse("network:manage", args=[make_token(subscriber, "manage")])


def test_get_shows_a_button_and_never_unsubscribes(client, subscriber):
    response = client.get(unsubscribe_url(subscriber))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="post">' in html
    assert "Avregistrera mig från alla utskick" in html
    assert response["Referrer-Policy"] == "no-referrer"
    assert subscriber.subscriptions.get().active


def test_one_click_post_without_cookies_or_csrf_token_unsubscribes():
    subscriber = SubscriptionFactory().subscriber
    SubscriptionFactory(subscriber=subscriber, mailing_list=MailingList.objects.get(slug="media"))
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_url(subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Du är avregistrerad" in response.content.decode()
    assert not response.cookies
    assert not any(subscription.active for subscription in subscriber.subscriptions.all())
    assert subscriber.subscriptions.count() == 2

    again = client.post(unsubscribe_url(subscriber), "List-Unsubscribe=One-Click", content_type="text/plain")
    assert again.status_code == 200


@pytest.mark.parametrize("purpose", ["confirm", "manage"])
def test_token_for_another_purpose_is_refused(client, subscriber, purpose):
    response = client.post(reverse("network:unsubscribe", args=[make_token(subscriber, purpose)]))
    assert response.status_code == 400
    assert subscriber.subscriptions.get().active


def test_tampered_unsubscribe_token_changes_nothing(client, subscriber):
    token = make_token(subscriber, "unsubscribe")
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), token.replace(":", ";"), "%00", "-" * 300):
        response = client.post(reverse("network:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "Länken fungerar inte" in response.content.decode()
    assert subscriber.subscriptions.get().active


def test_unsubscribe_link_of_an_erased_person_is_refused(client, subscriber):
    url = unsubscribe_url(subscriber)
    subscriber.delete()
    assert client.post(url).status_code == 400


def test_manage_page_changes_lists(client, subscriber):
    url = manage_url(subscriber)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<legend>Dina listor</legend>" in html
    assert "Media (sändlista)" not in html

    response = client.post(url, {"action": "lists"})
    assert response.status_code == 200
    assert "Dina val är sparade." in response.content.decode()
    assert not subscriber.subscriptions.get().active

    natverket = MailingList.objects.get(slug="natverket")
    client.post(url, {"action": "lists", "lists": [str(natverket.pk)]})
    assert subscriber.subscriptions.get().active


def test_manage_page_refuses_lists_that_are_neither_public_nor_held(client, subscriber):
    media = MailingList.objects.get(slug="media")
    response = client.post(manage_url(subscriber), {"action": "lists", "lists": [str(media.pk), "x"]})
    assert response.status_code == 400
    assert not subscriber.subscriptions.filter(mailing_list=media).exists()
    assert subscriber.subscriptions.get().active


def test_manage_page_lets_a_person_leave_a_non_public_list(client, subscriber):
    media = MailingList.objects.get(slug="media")
    SubscriptionFactory(subscriber=subscriber, mailing_list=media)
    natverket = MailingList.objects.get(slug="natverket")
    client.post(manage_url(subscriber), {"action": "lists", "lists": [str(natverket.pk)]})
    assert not subscriber.subscriptions.get(mailing_list=media).active
    assert subscriber.subscriptions.get(mailing_list=natverket).active


def test_manage_export_downloads_my_data_as_json(client, subscriber):
    DeliveryFactory(subscriber=subscriber, mailing__subject="Ny rapport")
    response = client.post(manage_url(subscriber), {"action": "export"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == subscriber.email
    assert data["subscriptions"][0]["list"] == "Nätverket"
    assert data["deliveries"][0]["subject"] == "Ny rapport"


def test_manage_erase_needs_confirmation_then_keeps_only_a_hash(client, subscriber):
    delivery = DeliveryFactory(subscriber=subscriber)
    url = manage_url(subscriber)
    response = client.post(url, {"action": "erase"})
    assert response.status_code == 400
    assert "Kryssa i rutan" in response.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()

    response = client.post(url, {"action": "erase", "confirm": "on"})
    assert response.status_code == 200
    assert "Dina uppgifter är raderade" in response.content.decode()
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert Suppression.objects.get().email_hash == subscriber.email_hash
    delivery = Delivery.objects.get(pk=delivery.pk)
    assert delivery.email == "" and delivery.subscriber is None
    assert client.get(url).status_code == 400


def test_manage_page_with_unknown_action_changes_nothing(client, subscriber):
    response = client.post(manage_url(subscriber), {"action": "drop tables"})
    assert response.status_code == 200
    assert subscriber.subscriptions.get().active


def test_public_network_pages_stay_within_the_query_budget(client, subscriber, django_assert_max_num_queries):
    for url in ("/natverket/", unsubscribe_url(subscriber), manage_url(subscriber)):
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("", "application/x-www-form-urlencoded"),
        ("List-Unsubscribe=Yes", "application/x-www-form-urlencoded"),
        ("One-Click", "text/plain"),
        ("\xff\xfe", "application/x-www-form-urlencoded"),
    ],
)
def test_a_post_without_the_rfc_8058_body_only_shows_the_confirmation_page(body, content_type):
    subscriber = SubscriptionFactory().subscriber
    response = Client(enforce_csrf_checks=True).post(unsubscribe_url(subscriber), body, content_type=content_type)
    assert response.status_code == 200
    assert "Avregistrera mig från alla utskick" in response.content.decode()
    assert subscriber.subscriptions.get().active


def test_the_confirmation_pages_button_unsubscribes(client, subscriber):
    page = client.get(unsubscribe_url(subscriber)).content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]+)">', page))
    response = client.post(unsubscribe_url(subscriber), fields)
    assert "Du är avregistrerad" in response.content.decode()
    assert not subscriber.subscriptions.get().active


def test_one_click_body_in_a_multipart_form_unsubscribes(client, subscriber):
    client.post(unsubscribe_url(subscriber), {"List-Unsubscribe": "One-Click"})
    assert not subscriber.subscriptions.get().active


def old_manage_url(subscriber, days):
    token = token_for(subscriber.pk, subscriber.secret, "manage", timestamp=time.time() - days * 86400)
    return reverse("network:manage", args=[token])


def test_a_manage_link_works_for_30_days_by_default(client, subscriber):
    assert client.get(old_manage_url(subscriber, 29)).status_code == 200
    expired = client.get(old_manage_url(subscriber, 31))
    assert expired.status_code == 410
    assert "Länken har gått ut" in expired.content.decode()


@pytest.mark.parametrize("action", ["export", "erase", "lists"])
def test_an_expired_manage_link_neither_exports_nor_erases_nor_changes(client, subscriber, action):
    response = client.post(old_manage_url(subscriber, 31), {"action": action, "confirm": "on", "lists": []})
    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert subscriber.subscriptions.get().active


def test_the_manage_link_lifetime_is_a_setting(client, subscriber, settings):
    settings.NETWORK_MANAGE_LINK_MAX_AGE = 3600
    assert client.get(old_manage_url(subscriber, 1)).status_code == 410


def test_an_expired_manage_link_mails_a_fresh_one_to_its_owner_once(client, subscriber, eager_celery):
    url = old_manage_url(subscriber, 40)
    response = client.post(url, {"action": "new_link"})
    assert response.status_code == 410
    assert "Vi har skickat en ny länk" in response.content.decode()
    assert [message.to for message in mail.outbox] == [[subscriber.email]]
    fresh = re.search(r"http://testserver(/natverket/installningar/[^/\s]+/)", mail.outbox[0].body).group(1)
    assert client.get(fresh).status_code == 200
    assert "gäller i 30 dagar" in mail.outbox[0].body

    client.post(url, {"action": "new_link"})
    assert len(mail.outbox) == 1
