"""News and reports are announced once, on their first real publication; editors may ask for a resend."""

import datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from network.models import Mailing
from tests.home.factories import NewsPageFactory, ReportPageFactory
from tests.network.factories import subscribe

pytestmark = pytest.mark.django_db


def mailings_of(page):
    return list(Mailing.objects.filter(object_id=str(page.pk)).order_by("sequence"))


@pytest.fixture
def draft_news(news_index):
    page = NewsPageFactory(parent=news_index, title="En nyhet", slug="en-nyhet", publish=False, live=False)
    return page


@pytest.fixture
def draft_report(report_index):
    return ReportPageFactory(parent=report_index, title="Tertialrapport", publish=False, live=False)


@pytest.mark.parametrize(
    "fixture,lists,template",
    [
        ("draft_news", {"natverket"}, "home/email/news"),
        ("draft_report", {"fortroendevalda", "natverket"}, "home/email/report"),
    ],
)
def test_first_publication_is_announced_once(request, coordinator, fixture, lists, template):
    page = request.getfixturevalue(fixture)
    page.save_revision(user=coordinator).publish(user=coordinator)
    (mailing,) = mailings_of(page)
    assert set(mailing.lists.values_list("slug", flat=True)) == lists
    assert mailing.template == template
    assert mailing.subject == page.title
    assert mailing.url == f"{settings.SITE_URL}{page.url}"
    assert mailing.created_by == coordinator

    page.title = "Rättad rubrik"
    page.save_revision(user=coordinator).publish(user=coordinator)
    assert len(mailings_of(page)) == 1


def test_scheduled_page_is_announced_only_when_it_goes_live(draft_news):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    draft_news.go_live_at = go_live
    draft_news.save_revision().publish()
    draft_news.refresh_from_db()
    assert not draft_news.live
    assert mailings_of(draft_news) == []

    call_command("publish_scheduled")
    assert mailings_of(draft_news) == []

    # An hour passes: the scheduled revision's time has come.
    revision = draft_news.revisions.get(approved_go_live_at__isnull=False)
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    draft_news.refresh_from_db()
    assert draft_news.live
    assert len(mailings_of(draft_news)) == 1


def test_other_page_types_are_not_announced(about_page):
    about_page.save_revision().publish()
    assert Mailing.objects.count() == 0


def test_resend_to_a_list_with_no_confirmed_recipient_is_refused_with_the_reason(client, coordinator, draft_news):
    draft_news.save_revision().publish()
    client.force_login(coordinator)

    response = client.post(reverse("home_resend_announcement", args=[draft_news.pk]), follow=True)

    assert "ingen bekräftad mottagare" in response.content.decode()
    assert len(mailings_of(draft_news)) == 1, "the refused resend recorded a mailing"


def test_resend_needs_confirmation_and_creates_one_more_mailing(client, coordinator, draft_news):
    subscribe("natverket")
    draft_news.save_revision().publish()
    client.force_login(coordinator)
    url = reverse("home_resend_announcement", args=[draft_news.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Ja, skicka igen" in confirm.content.decode()
    assert len(mailings_of(draft_news)) == 1

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[draft_news.pk])
    first, resend = mailings_of(draft_news)
    assert resend.sequence == 1 and resend.created_by == coordinator


def test_resend_button_shown_to_those_who_may_publish(client, coordinator, draft_news):
    draft_news.save_revision().publish()
    client.force_login(coordinator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft_news.pk])).content.decode()
    assert reverse("home_resend_announcement", args=[draft_news.pk]) in html


@pytest.mark.parametrize("who", ["anonymous", "board_member"])
def test_resend_denied_without_publish_permission(client, request, draft_news, who):
    draft_news.save_revision().publish()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = reverse("home_resend_announcement", args=[draft_news.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/" if who == "anonymous" else "/admin/")
    assert len(mailings_of(draft_news)) == 1


def test_resend_denied_for_pages_that_are_not_announced_or_not_live(client, coordinator, about_page, draft_news):
    client.force_login(coordinator)
    for page in (about_page, draft_news):
        denied = client.post(reverse("home_resend_announcement", args=[page.pk]))
        assert (denied.status_code, denied["Location"]) == (302, "/admin/")
    assert client.post(reverse("home_resend_announcement", args=[999999])).status_code == 404
    assert Mailing.objects.count() == 0


@pytest.mark.parametrize("fixture", ["draft_news", "draft_report"])
def test_announcement_email_is_rendered_with_personal_links(
    request, fixture, coordinator, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    from tests.network.factories import SubscriberFactory, SubscriptionFactory

    reader = SubscriptionFactory(subscriber=SubscriberFactory(email="lasare@example.org")).subscriber
    page = request.getfixturevalue(fixture)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=coordinator).publish(user=coordinator)

    (message,) = mailoutbox
    assert message.to == [reader.email]
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert page.title in body
        assert page.url in body
        assert "/natverket/avregistrera/" in body
        assert "/natverket/installningar/" in body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
