"""What a change makes stale (site_lycksele.stale), the one answer both caches purge by."""

import pytest

from home import content_cache
from home.models import NewsPage, OrganisationSettings, StandardPage
from network.models import Subscriber
from press.models import PressRoomPage
from site_lycksele import stale
from tests.press.factories import PressReleaseFactory

pytestmark = pytest.mark.django_db

ROOT = "http://testserver"


@pytest.fixture
def recorded(monkeypatch):
    """Every Stale that is not empty handed to the caches, in order."""
    seen = []
    monkeypatch.setattr(stale, "invalidate", lambda found: seen.append(found) if found else None)
    return seen


def urls(*paths):
    return stale.Stale(urls=frozenset(ROOT + path for path in paths))


def test_a_news_item_makes_stale_itself_its_listing_and_feeds_the_home_page_and_the_sitemap(home_page, recorded):
    index = home_page.get_children().get(slug="nyheter")
    item = index.add_child(instance=NewsPage(title="Ny kurs", slug="ny-kurs", lead="Kursen börjar i maj.", live=False))
    recorded.clear()
    item.save_revision().publish()
    assert recorded == [
        urls("/nyheter/ny-kurs/", "/nyheter/", "/nyheter/feed/", "/nyheter/feed/atom/", "/", "/sitemap.xml")
    ]


def test_a_press_release_makes_stale_its_page_the_press_room_its_feeds_the_home_page_and_the_sitemap(
    home_page, recorded
):
    room = PressRoomPage.objects.child_of(home_page).get().url
    release = PressReleaseFactory(title="Nytt samarbete", slug="nytt-samarbete")
    recorded.clear()
    release.save_revision().publish()
    paths = [room + "nytt-samarbete/", room, room + "feed/", room + "feed/atom/", "/", "/sitemap.xml"]
    # The press room's other routes without arguments: its events calendar and the journalists' signup.
    paths += [room + "evenemang.ics", room + "prenumerera/", room + "prenumerera/tack/"]
    assert recorded == [urls(*paths)]


def test_a_page_in_the_menu_makes_the_whole_host_stale(home_page, recorded):
    about = StandardPage.objects.get(slug="om-forbundet")
    assert about.show_in_menus
    about.save_revision().publish()
    assert recorded == [stale.Stale(hosts=frozenset([ROOT]))]


def test_the_site_settings_make_the_whole_host_stale(home_page, recorded):
    OrganisationSettings.for_site(home_page.get_site()).save()
    assert stale.Stale(hosts=frozenset([ROOT])) in recorded


def test_what_no_visitor_sees_makes_nothing_stale(home_page, recorded):
    Subscriber.objects.create(email="ny@example.org")
    about = StandardPage.objects.get(slug="om-forbundet")
    about.title = "Utkast"
    about.save_revision()  # a draft
    assert recorded == []


def test_nothing_stale_keeps_the_page_caches_version(home_page, settings):
    settings.PAGE_CACHE_ENABLED = True
    before = content_cache.current_version()
    Subscriber.objects.create(email="ny@example.org")
    assert content_cache.current_version() == before
    PressReleaseFactory().save_revision().publish()
    assert content_cache.current_version() != before
