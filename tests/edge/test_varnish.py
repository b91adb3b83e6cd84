"""Through a real Varnish: what a publication changes shows at once, and nothing private is ever stored."""

import io
import logging

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction

from home.models import NewsPage, StandardPage
from press.models import PressRoomPage
from tests.press.factories import PressReleaseFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ABOUT = "/om-forbundet/"


@pytest.fixture
def about(home_page):
    return StandardPage.objects.get(slug="om-forbundet")


def stored(edge, path, **headers):
    """Fetch ``path`` until the edge answers it from its store (the first fetch fills it)."""
    edge.get(path, **headers)
    return edge.get(path, **headers)


def test_a_public_page_is_stored_at_the_edge(edge):
    first = edge.get(ABOUT)
    assert first.status == 200
    assert first.headers["X-Edge-Cache"] == "miss"
    assert "s-maxage=" in first.headers["Cache-Control"]
    assert "x-edge-url" not in first.headers
    second = edge.get(ABOUT)
    assert second.headers["X-Edge-Cache"] == "hit"
    assert second.body == first.body


def test_each_response_from_the_edge_carries_its_own_request_id(edge):
    first = edge.get(ABOUT, **{"X-Request-ID": "proxy-id-1"})
    hit = edge.get(ABOUT, **{"X-Request-ID": "proxy-id-2"})
    assert (first.headers["X-Request-ID"], hit.headers["X-Request-ID"]) == ("proxy-id-1", "proxy-id-2")
    assert hit.headers["X-Edge-Cache"] == "hit"
    assert "X-Page-Cache" not in hit.headers
    hostile = edge.get(ABOUT, **{"X-Request-ID": "<script>"}).headers["X-Request-ID"]
    own = edge.get(ABOUT).headers["X-Request-ID"]
    assert hostile.isdigit() and own.isdigit() and hostile != own


@pytest.fixture
def news_item(home_page):
    index = home_page.get_children().get(slug="nyheter")
    item = index.add_child(instance=NewsPage(title="Ny kurs i Lycksele", slug="ny-kurs", lead="Kursen börjar i maj."))
    return item


def test_a_publication_is_visible_through_the_edge_at_once(edge, news_item):
    purged = ["/nyheter/ny-kurs/", "/nyheter/", "/nyheter/feed/", "/nyheter/feed/atom/", "/", "/sitemap.xml"]
    for path in [*purged, ABOUT]:
        assert stored(edge, path).headers["X-Edge-Cache"] == "hit", path
    news_item.title = "Ny kurs i Lycksele – nytt datum"
    news_item.save_revision().publish()

    for path in purged:  # the page, the listing above it, its feeds, the home page, the sitemap
        assert edge.get(path).headers["X-Edge-Cache"] == "miss", path
    for path in ("/nyheter/ny-kurs/", "/nyheter/"):
        assert "Ny kurs i Lycksele – nytt datum" in edge.get(path).body
    # A page that does not show it stays stored.
    assert edge.get(ABOUT).headers["X-Edge-Cache"] == "hit"


def test_a_page_in_the_menu_purges_the_whole_host(edge, about):
    for path in (ABOUT, "/nyheter/"):
        stored(edge, path)
    about.title = "Om oss"
    about.save_revision().publish()
    assert edge.get("/nyheter/").headers["X-Edge-Cache"] == "miss"
    assert ">Om oss<" in edge.get("/nyheter/").body


def test_every_query_variant_of_a_page_is_purged(edge, home_page):
    assert stored(edge, "/nyheter/?page=2").headers["X-Edge-Cache"] == "hit"
    news = home_page.get_children().get(slug="nyheter").specific
    news.save_revision().publish()
    assert edge.get("/nyheter/?page=2").headers["X-Edge-Cache"] == "miss"


def test_a_draft_never_shows_through_the_edge(edge, about):
    stored(edge, ABOUT)
    about.title = "Utkast som ingen ska se"
    about.save_revision()
    for _ in range(2):
        response = edge.get(ABOUT)
        assert response.status == 200
        assert "Utkast som ingen ska se" not in response.body
    assert response.headers["X-Edge-Cache"] == "hit"


def test_an_editors_view_is_never_stored(edge, about, coordinator):
    editor = Client()
    editor.force_login(coordinator)
    cookie = f"sessionid={editor.cookies['sessionid'].value}"
    for _ in range(2):
        response = edge.get(ABOUT, Cookie=cookie)
        assert response.status == 200
        assert response.headers["X-Edge-Cache"] == "miss"
        assert "private" in response.headers["Cache-Control"]
        assert "wagtail-userbar" in response.body  # the editor's own page: the userbar
    # Visitors never get it, before or after.
    assert "wagtail-userbar" not in stored(edge, ABOUT).body


def test_a_page_made_private_disappears_at_once(edge, about):
    assert stored(edge, ABOUT).status == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):
        response = edge.get(ABOUT)
        assert response.status == 302
        assert "login" in response.headers["Location"]
        assert response.headers["X-Edge-Cache"] == "miss"


def test_an_unpublished_page_disappears_at_once(edge, about):
    assert stored(edge, ABOUT).status == 200
    about.unpublish()
    assert edge.get(ABOUT).status == 404


def test_a_press_release_purges_its_page_the_press_room_and_its_feeds(edge, home_page):
    room = PressRoomPage.objects.child_of(home_page).get()
    room_url = room.get_url()
    release = PressReleaseFactory(title="Nytt samarbete i Lycksele", slug="nytt-samarbete")
    paths = [room_url, room_url + "feed/", room_url + "feed/atom/", "/", "/sitemap.xml"]
    untouched = [ABOUT, "/nyheter/", "/nyheter/feed/"]
    for path in paths + untouched:
        assert stored(edge, path).headers["X-Edge-Cache"] == "hit", path
    release.save_revision().publish()
    for path in paths:
        assert edge.get(path).headers["X-Edge-Cache"] == "miss", path
    for path in untouched:  # exactly what the release made stale, nothing else
        assert edge.get(path).headers["X-Edge-Cache"] == "hit", path
    assert "Nytt samarbete i Lycksele" in edge.get(room_url).body
    assert edge.get(room_url + "nytt-samarbete/").status == 200


def test_a_form_with_a_csrf_token_is_never_stored(edge):
    for _ in range(2):
        response = edge.get("/natverket/")
        assert response.status == 200
        assert 'name="csrfmiddlewaretoken"' in response.body
        assert response.headers["X-Edge-Cache"] == "miss"


def test_the_deploy_purges_everything(edge):
    stored(edge, ABOUT)
    stored(edge, "/nyheter/")
    call_command("purge_page_cache", stdout=io.StringIO())
    assert edge.get(ABOUT).headers["X-Edge-Cache"] == "miss"
    assert edge.get("/nyheter/").headers["X-Edge-Cache"] == "miss"


def test_a_purge_through_the_proxy_is_refused(edge):
    stored(edge, ABOUT)
    refused = edge.request(ABOUT, method="PURGE", headers={"X-Forwarded-For": "203.0.113.9"})
    assert refused.status == 405
    assert edge.get(ABOUT).headers["X-Edge-Cache"] == "hit"


def test_publishing_carries_on_when_the_edge_is_down(edge, about, settings, caplog):
    from tests.processes import free_port

    settings.WAGTAILFRONTENDCACHE["varnish"]["LOCATION"] = f"http://127.0.0.1:{free_port()}"
    about.title = "Publicerad utan kantcache"
    with caplog.at_level(logging.ERROR, logger="site_lycksele.edge"):
        about.save_revision().publish()
    about.refresh_from_db()
    assert about.live and about.title == "Publicerad utan kantcache"
    assert "Edge cache unreachable" in caplog.text
