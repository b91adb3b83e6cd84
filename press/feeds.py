"""RSS and Atom feeds of the press room's published releases at /press/feed/ and /press/feed/atom/."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from press.conf import get_setting


class PressReleaseFeed(Feed):
    """The latest published releases; built per request for the press room page that serves it."""

    description = _("Pressmeddelanden från Samordningsförbundet Lycksele")

    def __init__(self, press_room):
        super().__init__()
        self.press_room = press_room

    def title(self):
        return self.press_room.title

    def link(self):
        return self.press_room.url

    def items(self):
        return self.press_room.live_releases().only("title", "slug", "lead", "first_published_at")[
            : get_setting("FEED_SIZE")
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return self.press_room.release_url(item)

    def item_pubdate(self, item):
        return item.first_published_at


class PressReleaseAtomFeed(PressReleaseFeed):
    """The same releases as Atom, for readers that prefer it (the news offer both too)."""

    feed_type = Atom1Feed

    def subtitle(self):
        return self.description
