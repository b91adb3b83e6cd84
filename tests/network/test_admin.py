"""The "Nätverket" admin: coordinators manage, board members only view, anonymous users are sent to log in."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import ModelLogEntry

from network.models import Delivery, Mailing, Subscriber, Suppression
from tests.network.factories import DeliveryFactory, MailingFactory, SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

INDEXES = [
    "network_subscriber:index",
    "network_subscription:index",
    "network_mailinglist:index",
    "network_mailing:index",
]


@pytest.fixture
def mailing(db):
    mailing = MailingFactory(state=Mailing.State.DONE)
    DeliveryFactory.create_batch(3, mailing=mailing, state=Delivery.State.SENT)
    DeliveryFactory.create_batch(2, mailing=mailing, state=Delivery.State.FAILED, error="550", attempts=5)
    DeliveryFactory(mailing=mailing, state=Delivery.State.BOUNCED)
    return mailing


@pytest.mark.parametrize("url_name", INDEXES)
def test_anonymous_is_redirected_to_login(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("url_name", INDEXES)
@pytest.mark.parametrize("who", ["coordinator", "board_member"])
def test_coordinator_and_board_see_the_lists(client, request, who, url_name, subscriber, mailing):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert "Nätverket" in response.content.decode()


def test_list_index_counts_active_subscribers(client, coordinator, subscriber, django_assert_max_num_queries):
    SubscriptionFactory(subscriber=SubscriberFactory(), unsubscribed_at="2026-01-01T00:00Z")
    client.force_login(coordinator)
    with django_assert_max_num_queries(25):
        html = client.get(reverse("network_mailinglist:index")).content.decode()
    # The "open for signup" column is a tick titled Ja (Wagtail's own says True).
    assert re.search(
        r">\s*natverket\s*</td>\s*<td[^>]*>(?:(?!</td>).)*Ja(?:(?!</td>).)*</td>\s*<td[^>]*>\s*1\s*</td>", html, re.S
    )


def test_subscriber_search_and_filters(client, coordinator):
    SubscriptionFactory(subscriber=SubscriberFactory(email="anna@kommun.example", name="Anna"))
    SubscriberFactory(email="bo@fk.example", name="Bo", organisation="forsakringskassan", confirmed_at=None)
    client.force_login(coordinator)
    url = reverse("network_subscriber:index")
    html = client.get(url, {"q": "anna"}).content.decode()
    assert "anna@kommun.example" in html and "bo@fk.example" not in html
    html = client.get(url, {"organisation": "forsakringskassan"}).content.decode()
    assert "bo@fk.example" in html and "anna@kommun.example" not in html
    html = client.get(url, {"status": "pending"}).content.decode()
    assert "bo@fk.example" in html and "anna@kommun.example" not in html


def test_coordinator_can_edit_board_cannot(client, coordinator, board_member, subscriber):
    url = reverse("network_subscriber:edit", args=[subscriber.pk])
    client.force_login(board_member)
    response = client.post(url, {"email": subscriber.email, "name": "Ändrad", "organisation": "", "role": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    subscriber.refresh_from_db()
    assert subscriber.name != "Ändrad"
    inspect = client.get(reverse("network_subscriber:inspect", args=[subscriber.pk]))
    assert inspect.status_code == 200
    assert "Exportera personuppgifter" not in inspect.content.decode()

    client.force_login(coordinator)
    data = {"email": subscriber.email, "name": "Ändrad", "organisation": "", "role": "", "legal_basis": ""}
    response = client.post(url, data)
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.name == "Ändrad"


def test_csv_export_for_coordinator_is_logged_and_spreadsheet_safe(client, coordinator):
    SubscriptionFactory(subscriber=SubscriberFactory(email="x@example.org", name='=HYPERLINK("http://evil")'))
    client.force_login(coordinator)
    response = client.get(reverse("network_subscriber:index"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "x@example.org" in body
    assert "Nätverket" in body
    assert "'=HYPERLINK" in body
    entry = ModelLogEntry.objects.get(action="network.export")
    assert entry.user == coordinator
    assert entry.data["count"] == 1


def test_board_member_may_not_export(client, board_member, subscriber):
    client.force_login(board_member)
    assert client.get(reverse("network_subscriber:index"), {"export": "csv"}).status_code in (302, 403)
    assert not ModelLogEntry.objects.filter(action="network.export").exists()
    url = reverse("network_subscriber:gdpr_export", args=[subscriber.pk])
    assert client.get(url).status_code in (302, 403)


def test_coordinator_exports_one_persons_data(client, coordinator, subscriber):
    client.force_login(coordinator)
    inspect = client.get(reverse("network_subscriber:inspect", args=[subscriber.pk])).content.decode()
    assert reverse("network_subscriber:gdpr_export", args=[subscriber.pk]) in inspect
    response = client.get(reverse("network_subscriber:gdpr_export", args=[subscriber.pk]))
    assert response.status_code == 200
    assert response.json()["email"] == subscriber.email
    assert ModelLogEntry.objects.get(action="network.export").object_id == str(subscriber.pk)


def test_deleting_a_subscriber_in_the_admin_is_an_erasure(client, coordinator, subscriber):
    delivery = DeliveryFactory(subscriber=subscriber)
    client.force_login(coordinator)
    response = client.post(reverse("network_subscriber:delete", args=[subscriber.pk]))
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert Suppression.objects.get().reason == Suppression.Reason.ERASED
    assert Delivery.objects.get(pk=delivery.pk).email == ""
    content_type = ContentType.objects.get_for_model(Subscriber)
    entry = ModelLogEntry.objects.get(action="network.erase", content_type=content_type)
    assert entry.user == coordinator and subscriber.email not in entry.label


def test_board_cannot_delete(client, board_member, subscriber):
    client.force_login(board_member)
    client.post(reverse("network_subscriber:delete", args=[subscriber.pk]))
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_mailing_page_shows_progress_and_per_recipient_status(
    client, board_member, mailing, django_assert_max_num_queries
):
    client.force_login(board_member)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("network_mailing:inspect", args=[mailing.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-progress-count="recipients">6<' in html
    assert 'data-progress-count="failed">2<' in html
    assert 'data-progress-count="bounced">1<' in html
    assert html.count("Misslyckat") >= 2
    assert "Skicka misslyckade leveranser igen" not in html
    failed = client.get(reverse("network_mailing:inspect", args=[mailing.pk]), {"state": "failed"}).content.decode()
    assert failed.count("<td>Misslyckat</td>") == 2 and "<td>Skickat</td>" not in failed

    progress = client.get(reverse("network_mailing:progress", args=[mailing.pk])).json()
    assert (progress["recipients"], progress["sent"], progress["failed"], progress["bounced"]) == (6, 3, 2, 1)


def test_mailings_cannot_be_added_or_edited_in_the_admin(client, coordinator, mailing):
    client.force_login(coordinator)
    html = client.get(reverse("network_mailing:index")).content.decode()
    assert reverse("network_mailing:inspect", args=[mailing.pk]) in html
    assert "/natverket/utskick/new/" not in html
    assert client.get(f"/admin/natverket/utskick/edit/{mailing.pk}/").status_code == 404


def test_resend_requeues_failed_deliveries_for_coordinator_only(
    client, coordinator, board_member, mailing, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("network.tasks.queue_mailing", queued.append)
    url = reverse("network_mailing:resend", args=[mailing.pk])

    client.force_login(board_member)
    client.post(url)
    assert mailing.deliveries.filter(state=Delivery.State.FAILED).count() == 2

    client.force_login(coordinator)
    assert client.get(url).status_code == 405
    html = client.get(reverse("network_mailing:inspect", args=[mailing.pk])).content.decode()
    assert "Skicka misslyckade leveranser igen" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not mailing.deliveries.filter(state=Delivery.State.FAILED).exists()
    requeued = mailing.deliveries.filter(state=Delivery.State.PENDING)
    assert requeued.count() == 2 and all(d.attempts == 0 and d.error == "" for d in requeued)
    assert mailing.deliveries.filter(state=Delivery.State.SENT).count() == 3
    assert queued == [mailing.pk]
    entry = ModelLogEntry.objects.get(action="network.resend")
    assert entry.data == {"deliveries": 2} and entry.user == coordinator


def test_audit_log_report_lists_network_actions(client, admin_user, subscriber):
    client.force_login(admin_user)
    client.get(reverse("network_subscriber:index"), {"export": "csv"})
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "Prenumeranter exporterade" in response.content.decode()
