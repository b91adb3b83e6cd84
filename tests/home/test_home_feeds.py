"""The news feeds parse as valid RSS 2.0 and Atom and are linked from the news listing."""

import feedparser
import pytest
from django.conf import settings

from tests.home.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(news_index):
    item = NewsPageFactory(parent=news_index, title="Förbundet & nätverket <nytt>", slug="natverket", date="2006-08-21")
    item.tags.add("Nätverket")
    item.save_revision().publish()
    draft = NewsPageFactory(parent=news_index, title="Utkast", publish=False)
    draft.unpublish()
    return item


@pytest.mark.parametrize(
    "path,version,content_type",
    [("/nyheter/feed/", "rss20", "application/rss+xml"), ("/nyheter/feed/atom/", "atom10", "application/atom+xml")],
)
def test_feed_is_valid(client, news, path, version, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.language == "sv" if version == "rss20" else True
    assert [entry.title for entry in feed.entries] == ["Förbundet & nätverket <nytt>"]
    entry = feed.entries[0]
    assert entry.link == f"{settings.SITE_URL}/nyheter/natverket/"
    assert entry.published_parsed[:3] == (2006, 8, 21)
    assert [tag.term for tag in entry.tags] == ["Nätverket"]


def test_listing_links_both_feeds_in_the_head(client, news):
    head = client.get("/nyheter/").content.decode().split("</head>")[0]
    assert '<link rel="alternate" type="application/rss+xml" title="Nyheter (RSS)" href="/nyheter/feed/">' in head
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Nyheter (Atom)" href="/nyheter/feed/atom/">' in head
    )


def test_unknown_feed_route_is_404(client, news):
    assert client.get("/nyheter/feed/json/").status_code == 404
