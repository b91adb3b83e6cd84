"""One address for everything the site sends or publishes: SITE_URL, never localhost nor the request's Host.

The site is built as production builds it (init_site, here through load_demo) at
https://www.example.se, every request names another host, and every email, feed,
sitemap, iCal file, API answer and the widget is searched for a wrong address.
"""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from activities.report import send_monthly_report
from home.models import NewsIndexPage, ReportIndexPage
from network.models import MailingList
from tests.home.factories import NewsPageFactory, ReportPageFactory
from tests.network.factories import subscribe

pytestmark = pytest.mark.django_db

ADDRESS = "https://www.example.se"
WRONG = re.compile(r"localhost|127\.0\.0\.1|example\.com|testserver|wagtail-host")
# What a request may say about itself; none of it may end up in what the site writes.
HOST = {"HTTP_HOST": "wagtail-host:8000"}
PUBLISHED = [
    "/nyheter/feed/",
    "/nyheter/feed/atom/",
    "/press/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/aktivitetsplan/aktivitetsplan.ics",
    "/api/v2/pages/",
    "/api/v2/pages/?type=home.NewsPage&fields=*",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v2/press-releases/?fields=*",
    "/api/v2/activities/?fields=*",
    "/embed/v1/latest.js",
    "/embed/v1/demo/",
]


@pytest.fixture
def site(settings, eager_celery, django_capture_on_commit_callbacks):
    """The demo site at ADDRESS, with every kind of email sent once (mail.outbox)."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = ADDRESS
    subscribe("lsg", prefix="lsg")
    with django_capture_on_commit_callbacks(execute=True):
        # Two press releases go out; one waits for the board, who are notified by Wagtail's workflow.
        call_command("load_demo", stdout=open("/dev/null", "w"))
    with django_capture_on_commit_callbacks(execute=True):
        NewsPageFactory(parent=NewsIndexPage.objects.order_by("path").first(), title="Ny nyhet", slug="ny-nyhet")
        ReportPageFactory(
            parent=ReportIndexPage.objects.order_by("path").first(), title="Ny tertialrapport", slug="ny-tertialrapport"
        )
        send_monthly_report(datetime.date(2026, 11, 1))


def email_text(message):
    """Headers and every part of ``message`` as it leaves for the provider."""
    return message.message().as_string() + "".join(content for content, _type in message.alternatives)


def test_every_email_links_to_the_site_address_and_carries_its_domain(client, site, django_capture_on_commit_callbacks):
    data = {
        "name": "Anna Andersson",
        "email": "anna@example.org",
        "organisation": "forsakringskassan",
        "lists": [str(MailingList.objects.get(slug="natverket", association__is_default_site=True).pk)],
        "consent": "on",
        "website": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:signup"), data, **HOST)
    assert response.status_code == 302, response.content.decode()[:2000]

    subjects = {message.subject for message in mail.outbox}
    for expected in ("Bekräfta", "Pressmeddelande", "Ny nyhet", "Ny tertialrapport", "Månadsrapport", "godkännande"):
        assert any(expected.lower() in subject.lower() for subject in subjects), (expected, subjects)
    for message in mail.outbox:
        text = email_text(message)
        assert not WRONG.search(text), (message.subject, WRONG.search(text).group(0), text[:3000])
        assert ADDRESS in text, message.subject
        assert message.message()["Message-ID"].endswith("@www.example.se>"), (message.subject, message.message())


def test_feeds_sitemap_ical_api_and_widget_use_the_site_address(client, site):
    for path in PUBLISHED:
        response = client.get(path, **HOST)
        assert response.status_code == 200, path
        body = response.content.decode()
        wrong = WRONG.search(body)
        assert not wrong, (path, wrong and body[max(wrong.start() - 200, 0) : wrong.end() + 200])
    assert f"{ADDRESS}/nyheter/ny-nyhet/" in client.get("/nyheter/feed/", **HOST).content.decode()
    assert f"Sitemap: {ADDRESS}/sitemap.xml" in client.get("/robots.txt", **HOST).content.decode()
    pages = client.get("/api/v2/pages/", **HOST).json()["items"]
    assert all(page["meta"]["html_url"].startswith(ADDRESS + "/") for page in pages)
    assert all(page["meta"]["detail_url"].startswith(ADDRESS + "/api/v2/") for page in pages)
