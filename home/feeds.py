"""RSS 2.0 and Atom feeds of the news, served by NewsIndexPage's routes.

Feed readers render an item's description (RSS) or summary (Atom, ``type="html"``) as
HTML. The lead is plain text, so it goes out HTML-escaped: a ``<`` in it reaches the
reader as text, never as markup.
"""

import datetime

from django.http import HttpResponse
from django.utils import feedgenerator, timezone
from django.utils.html import escape

FEED_LENGTH = 20
FEED_CLASSES = {"rss": feedgenerator.Rss201rev2Feed, "atom": feedgenerator.Atom1Feed}


def news_feed(index, request, kind):
    """The newest news items of ``index`` as an RSS 2.0 or Atom document."""
    feed_class = FEED_CLASSES[kind]
    index_url = index.get_full_url(request)
    feed = feed_class(
        title=index.title,
        link=index_url,
        description=index.intro or index.title,
        language="sv",
        feed_url=index_url + ("feed/" if kind == "rss" else "feed/atom/"),
    )
    for news in index.listed_pages().order_by("-date", "-pk").prefetch_related("tags")[:FEED_LENGTH]:
        url = news.get_full_url(request)
        published = timezone.make_aware(datetime.datetime.combine(news.date, datetime.time(8)))
        feed.add_item(
            title=news.title,
            link=url,
            description=escape(news.lead),
            unique_id=url,
            pubdate=published,
            updateddate=news.last_published_at or published,
            categories=[tag.name for tag in news.tags.all()],
        )
    return HttpResponse(feed.writeString("utf-8"), content_type=feed.content_type)
