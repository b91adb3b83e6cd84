"""RSS and Atom feeds of the press room's published releases at /press/feed/ and /press/feed/atom/,
every link at the site's address.

Readers render an item's description as HTML; the lead is plain text, so it goes out
HTML-escaped (see home.feeds).
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from press import conf


class PressReleaseFeed(Feed):
    """The latest published releases; built per request for the press room page that serves it."""

    def __init__(self, press_room, association):
        super().__init__()
        self.press_room = press_room
        self.association = association

    def description(self):
        return _("Pressmeddelanden från %(name)s") % {"name": self.association.site_name or self.press_room.title}

    def title(self):
        return self.press_room.title

    def link(self):
        return self.press_room.get_full_url()

    def feed_url(self):
        return self.press_room.get_full_url() + "feed/"

    def items(self):
        return self.press_room.live_releases(self.association).only("title", "slug", "lead", "first_published_at")[
            : conf.get("PRESS_FEED_SIZE")
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.lead)

    def item_link(self, item):
        return self.press_room.get_full_url() + self.press_room.reverse_subpage("release", kwargs={"slug": item.slug})

    def item_pubdate(self, item):
        return item.first_published_at


class PressReleaseAtomFeed(PressReleaseFeed):
    """The same releases as Atom, for readers that prefer it (the news offer both too)."""

    feed_type = Atom1Feed

    def feed_url(self):
        return super().feed_url() + "atom/"

    def subtitle(self):
        return self.description()
