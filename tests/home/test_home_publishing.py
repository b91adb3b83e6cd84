"""The one publishing rule (home.publishing): when an object is really live, and which objects are announced."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from home.models import NewsPage, ReportPage, StandardPage
from home.publishing import is_announced, is_live_now, scheduled_go_live
from tests.home.factories import NewsPageFactory

NOW = timezone.make_aware(datetime.datetime(2026, 6, 1, 12, 0))
HOUR = datetime.timedelta(hours=1)


@pytest.mark.parametrize(
    ("live", "go_live_at", "expire_at", "expected"),
    [
        (True, None, None, True),
        (False, None, None, False),
        (True, NOW - HOUR, None, True),
        (True, NOW + HOUR, None, False),
        (False, NOW - HOUR, None, False),
        (True, None, NOW + HOUR, True),
        (True, None, NOW, False),
        (True, None, NOW - HOUR, False),
        (True, NOW - HOUR, NOW + HOUR, True),
    ],
)
def test_really_live_means_live_go_live_reached_and_not_expired(live, go_live_at, expire_at, expected):
    page = NewsPage(title="En nyhet", live=live, go_live_at=go_live_at, expire_at=expire_at)
    assert is_live_now(page, now=NOW) is expected


def test_scheduled_go_live_is_only_a_future_time():
    assert scheduled_go_live(NewsPage(go_live_at=NOW + HOUR), now=NOW) == NOW + HOUR
    assert scheduled_go_live(NewsPage(go_live_at=NOW - HOUR), now=NOW) is None
    assert scheduled_go_live(NewsPage(go_live_at=None), now=NOW) is None


def test_news_and_reports_are_announced_other_pages_not():
    assert is_announced(NewsPage) and is_announced(ReportPage) and is_announced(NewsPage(title="x"))
    assert not is_announced(StandardPage) and not is_announced(Page) and not is_announced(None)


@pytest.mark.django_db
def test_resend_of_a_page_not_live_explains_itself(client, coordinator, news_index):
    draft = NewsPageFactory(parent=news_index, title="Utkast", publish=False, live=False)
    client.force_login(coordinator)
    response = client.post(reverse("home_resend_announcement", args=[draft.pk]), follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Bara publicerat innehåll kan skickas igen." in response.content.decode()
