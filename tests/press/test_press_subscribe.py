"""Journalists subscribe from the press room: double opt-in, then the coordinator accepts; hostile input refused."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from network.api import recipient_count
from network.models import MailingList, Subscriber, Subscription
from network.tokens import make_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery", "press_room")]

URL = "/press/prenumerera/"
APPLICATIONS = "/admin/natverket/ansokningar/"


def form_data(**overrides):
    data = {
        "name": "Jenny Journalist",
        "email": "jenny@tidning.example",
        "outlet": "Västerbottens-Kuriren",
        "choice": "releases",
        "consent": "on",
        "website": "",
        **overrides,
    }
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def apply(client, django_capture_on_commit_callbacks):
    def post(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, form_data(**overrides))

    return post


def confirm(client, django_capture_on_commit_callbacks):
    link = re.search(r"http://testserver(/natverket/bekrafta/[^/\s]+/)", mail.outbox[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(link)


def test_press_room_links_to_the_form_which_is_never_cached(client):
    assert 'href="/press/prenumerera/"' in client.get("/press/").content.decode()
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bara pressmeddelanden" in html and "Pressmeddelanden och nyheter" in html
    assert "Samordnaren går igenom ansökan" in html
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_application_is_confirmed_by_email_then_accepted_by_the_coordinator(
    client, apply, coordinator, django_capture_on_commit_callbacks
):
    response = apply()
    assert response.status_code == 302 and response["Location"] == "/press/prenumerera/tack/"
    assert "Tack för din ansökan" in client.get(response["Location"]).content.decode()
    subscriber = Subscriber.objects.get()
    assert (subscriber.organisation, subscriber.role, subscriber.consent_source) == (
        "media",
        "Västerbottens-Kuriren",
        "press",
    )
    assert "Samordnaren går igenom ansökan" in subscriber.consent_text
    assert [s.mailing_list.slug for s in subscriber.subscriptions.all()] == ["media"]
    assert mail.outbox[-1].to == ["jenny@tidning.example"]

    client.force_login(coordinator)
    media = subscriber.subscriptions.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(APPLICATIONS, {"subscription": media.pk, "action": "accept"})
    media.refresh_from_db()
    assert media.awaiting_acceptance and media.confirmed_at is None, "not before the address is confirmed"
    client.logout()

    done = confirm(client, django_capture_on_commit_callbacks)
    assert "går nu till samordnaren" in done.content.decode()
    media.refresh_from_db()
    assert media.awaiting_acceptance and media.confirmed_at is None
    assert recipient_count(["media"]) == 0, "confirmed, but not yet accepted: no releases"

    client.force_login(coordinator)
    page = client.get(APPLICATIONS).content.decode()
    assert "jenny@tidning.example" in page and "Västerbottens-Kuriren" in page
    response = client.post(APPLICATIONS, {"subscription": media.pk, "action": "accept"}, follow=True)
    assert "jenny@tidning.example är nu med på medielistan." in response.content.decode()
    media.refresh_from_db()
    assert not media.awaiting_acceptance and media.active
    assert recipient_count(["media"]) == 1


def test_releases_and_news_adds_the_news_list_after_the_opt_in(client, apply, django_capture_on_commit_callbacks):
    apply(choice="releases_and_news")
    confirm(client, django_capture_on_commit_callbacks)
    subscriptions = {s.mailing_list.slug: s for s in Subscription.objects.all()}
    assert set(subscriptions) == {"media", "natverket"}
    assert subscriptions["natverket"].active
    assert not subscriptions["media"].active and subscriptions["media"].awaiting_acceptance


def test_the_coordinator_declines_and_the_manage_page_cannot_self_accept(
    client, apply, coordinator, django_capture_on_commit_callbacks
):
    apply()
    confirm(client, django_capture_on_commit_callbacks)
    subscriber = Subscriber.objects.get()
    media = MailingList.objects.get(slug="media")
    manage = reverse("network:manage", args=[make_token(subscriber, "manage")])
    client.post(manage, {"action": "lists", "lists": [str(media.pk)]})
    assert subscriber.subscriptions.get().awaiting_acceptance and recipient_count(["media"]) == 0

    client.force_login(coordinator)
    response = client.post(APPLICATIONS, {"subscription": subscriber.subscriptions.get().pk, "action": "decline"})
    assert response.status_code == 302
    assert not Subscription.objects.exists() and not Subscriber.objects.exists(), "a declined application is erased"


@pytest.mark.parametrize(
    "data",
    [
        {"subscription": "x", "action": "accept"},
        {"subscription": "99999999", "action": "accept"},
        {"subscription": "1" * 40, "action": "decline"},
        {"action": "accept"},
        {"subscription": "PK", "action": "radera-allt"},
    ],
)
def test_bad_decisions_change_nothing(client, apply, coordinator, data, django_capture_on_commit_callbacks):
    apply()
    confirm(client, django_capture_on_commit_callbacks)
    subscription = Subscription.objects.get()
    data = {key: str(subscription.pk) if value == "PK" else value for key, value in data.items()}
    client.force_login(coordinator)
    response = client.post(APPLICATIONS, data, follow=True)
    assert response.status_code == 200
    assert "Ansökan finns inte längre" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.awaiting_acceptance


def test_only_those_who_manage_subscriptions_see_the_applications(client, board_member):
    client.force_login(board_member)
    assert client.get(APPLICATIONS).status_code in (302, 403)
    nobody = User.objects.create_user("annan", "annan@example.org", "pw")
    nobody.groups.add(Group.objects.get(name="Beredningsgrupp"))
    client.force_login(nobody)
    assert client.get(APPLICATIONS).status_code in (302, 403)


@pytest.mark.parametrize(
    "overrides, error",
    [
        ({"name": None}, "Skriv ditt namn."),
        ({"email": None}, "Skriv din e-postadress."),
        ({"email": "inte-en-adress"}, "Skriv en giltig e-postadress"),
        ({"email": "a@b.se\r\nBcc: x@example.org"}, "Skriv en giltig e-postadress"),
        ({"outlet": None}, "Skriv vilken redaktion eller vilket medium du arbetar för."),
        ({"outlet": "VK\x07"}, "Redaktionens namn innehåller otillåtna tecken."),
        ({"outlet": "x" * 201}, "Redaktionens namn får vara högst 200 tecken."),
        ({"name": "x" * 201}, "Namnet får vara högst 200 tecken."),
        ({"choice": None}, "Välj om du vill få bara pressmeddelanden eller även nyheter."),
        ({"choice": "styrelsen"}, "Välj ett av alternativen."),
        ({"consent": None}, "Du behöver samtycka för att vi ska kunna skicka pressmeddelanden till dig."),
    ],
)
def test_hostile_or_malformed_applications_are_refused_in_swedish_and_create_nothing(client, apply, overrides, error):
    response = apply(**overrides)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    assert mail.outbox == []


def test_a_filled_honeypot_or_smuggled_lists_create_nothing_more(client, apply):
    styrelsen = MailingList.objects.get(slug="styrelsen")
    assert apply(website="http://spam.example").status_code == 302
    assert not Subscriber.objects.exists()
    with_lists = form_data(lists=[str(styrelsen.pk)], organisation="lycksele_kommun")
    client.post(URL, with_lists)
    assert not Subscription.objects.filter(mailing_list=styrelsen).exists()
    assert set(Subscriber.objects.values_list("organisation", flat=True)) <= {"media"}


def test_only_get_and_post(client):
    assert client.put(URL).status_code == 405
