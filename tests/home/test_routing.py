"""The route cache (home.routing): a request the page cache cannot answer routes without a query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.content_cache import replace_version
from home.models import StandardPage

pytestmark = pytest.mark.django_db

UNKNOWN_PARAMETER = "utm_source=nyhetsbrev"  # the page cache does not know it: every request renders


@pytest.fixture
def caches_on(settings, home_page):
    settings.PAGE_CACHE_ENABLED = True
    replace_version()


def routing_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return response, [q["sql"] for q in queries if '"wagtailcore_site"' in q["sql"] or '"slug" =' in q["sql"]]


@pytest.mark.parametrize(
    ("path", "shows"),
    [
        ("/om-forbundet/", "<h1>Om förbundet</h1>"),
        ("/", "Samordningsförbundet Lycksele"),
        ("/nyheter/feed/", "<rss"),
    ],
)
def test_a_kept_route_serves_the_same_page_without_routing_queries(client, caches_on, path, shows):
    first, first_routing = routing_queries(client, f"{path}?{UNKNOWN_PARAMETER}")
    second, second_routing = routing_queries(client, f"{path}?{UNKNOWN_PARAMETER}")
    assert first_routing  # the site and the tree were read once
    assert second_routing == []
    assert shows in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"]


def test_an_unpublished_page_no_longer_routes(client, caches_on):
    about = StandardPage.objects.get(slug="om-forbundet")
    assert client.get(f"/om-forbundet/?{UNKNOWN_PARAMETER}").status_code == 200
    about.unpublish()
    assert client.get(f"/om-forbundet/?{UNKNOWN_PARAMETER}").status_code == 404


def test_a_moved_page_routes_at_its_new_address(client, caches_on):
    about = StandardPage.objects.get(slug="om-forbundet")
    assert client.get("/om-forbundet/?x=1").status_code == 200
    about.slug = "om-oss"
    about.save_revision().publish()
    assert client.get("/om-forbundet/?x=1").status_code == 404
    assert "<h1>Om förbundet</h1>" in client.get("/om-oss/?x=1").content.decode()
