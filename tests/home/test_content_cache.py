"""Fragments of public pages kept per content version: the home page's sections."""

import pytest

from home.content_cache import cached, current_version, replace_version
from tests.home.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    replace_version()


def test_a_fragment_is_rendered_once_per_version_and_vary_on(fragments_on):
    calls = []

    def render():
        calls.append(1)
        return f"<p>{len(calls)}</p>"

    assert cached("test", render, 1) == "<p>1</p>"
    assert cached("test", render, 1) == "<p>1</p>"
    assert cached("test", render, 2) == "<p>2</p>"
    replace_version()
    assert cached("test", render, 1) == "<p>3</p>"


def test_fragments_are_rendered_every_time_where_the_page_cache_is_off(settings):
    settings.PAGE_CACHE_ENABLED = False
    renders = iter(["a", "b"])
    assert cached("test", lambda: next(renders)) == "a"
    assert cached("test", lambda: next(renders)) == "b"


def test_an_unreachable_cache_renders_the_fragment(fragments_on, unreachable_cache):
    assert current_version() is None
    assert cached("test", lambda: "rendered") == "rendered"


def test_home_sections_are_kept_until_a_publication(client, fragments_on, news_index, django_assert_max_num_queries):
    NewsPageFactory(parent=news_index, title="Första nyheten")
    # Query strings outside the page cache's list bypass it: only the fragment can help.
    first = client.get("/", {"utm_source": "a"})
    assert "Första nyheten" in first.content.decode()
    with django_assert_max_num_queries(6):
        second = client.get("/", {"utm_source": "b"})
    assert second.content.decode().count("Första nyheten") == 1

    NewsPageFactory(parent=news_index, title="Andra nyheten")  # published: the version is replaced
    assert "Andra nyheten" in client.get("/", {"utm_source": "c"}).content.decode()


def test_site_settings_are_read_once_per_version(client, fragments_on, about_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from home.models import OrganisationSettings

    organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.name = "Finsam Lycksele"
    organisation.save()  # saving the settings replaces the content version
    assert "– Finsam Lycksele</title>" in client.get("/om-forbundet/", {"utm_source": "a"}).content.decode()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/om-forbundet/", {"utm_source": "b"})
    assert "– Finsam Lycksele</title>" in response.content.decode()
    assert not [query for query in queries.captured_queries if "home_organisationsettings" in query["sql"]]

    organisation.name = "Samordningsförbundet i Lycksele"
    organisation.save()
    assert (
        "– Samordningsförbundet i Lycksele</title>"
        in client.get("/om-forbundet/", {"utm_source": "c"}).content.decode()
    )


def test_listings_are_kept_per_query_string_until_a_publication(
    client, fragments_on, news_index, django_assert_max_num_queries
):
    NewsPageFactory(parent=news_index, title="Första nyheten")
    assert "Första nyheten" in client.get("/nyheter/", {"utm_source": "a"}).content.decode()
    with django_assert_max_num_queries(6):
        cached = client.get("/nyheter/", {"utm_source": "a"})
    assert "Första nyheten" in cached.content.decode()
    assert client.get("/nyheter/", {"sida": "2"}).status_code == 404
    assert client.get("/nyheter/", {"sida": "2"}).status_code == 404

    NewsPageFactory(parent=news_index, title="Andra nyheten")
    assert "Andra nyheten" in client.get("/nyheter/", {"utm_source": "a"}).content.decode()


def test_nothing_is_kept_for_none(fragments_on):
    """What routes nowhere (any address anyone may ask for) does not fill the cache."""
    assert cached("test", lambda: None) is None
    assert cached("test", lambda: "found") == "found"
