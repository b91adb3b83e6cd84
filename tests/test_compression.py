"""HTML, JSON, feeds and exports are gzip-compressed, rendered or from the page cache, with BREACH padding."""

import gzip
import json

import pytest

from site_lycksele import cache as page_cache
from tests.activities.factories import bulk_activities, plan_page

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
FNAME_FLAG = 0x08


@pytest.fixture
def page_cache_on(settings, home_page):
    settings.PAGE_CACHE_ENABLED = True
    page_cache.purge()


def test_a_page_is_compressed_for_a_browser_that_accepts_gzip(client, home_page):
    response = client.get("/om-forbundet/", **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<h1>Om förbundet</h1>" in html
    assert len(response.content) < len(html.encode()) / 2


def test_a_client_without_gzip_gets_plain_html(client, home_page):
    response = client.get("/om-forbundet/")
    assert "Content-Encoding" not in response
    assert "<h1>Om förbundet</h1>" in response.content.decode()


def test_the_page_cache_serves_both_encodings_from_one_entry(client, page_cache_on):
    first = client.get("/om-forbundet/", **GZIP)
    assert first["X-Page-Cache"] == "miss"
    compressed_hit = client.get("/om-forbundet/", **GZIP)
    plain_hit = client.get("/om-forbundet/")
    assert compressed_hit["X-Page-Cache"] == plain_hit["X-Page-Cache"] == "hit"
    assert compressed_hit["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain_hit
    assert gzip.decompress(compressed_hit.content) == plain_hit.content == gzip.decompress(first.content)


def test_a_page_with_a_csrf_token_is_compressed_with_random_padding(client, home_page):
    """BREACH needs a secret in a compressed body whose length the attacker can read.

    Django masks the CSRF token anew for each response and its GZipMiddleware adds a
    random-length file name to the gzip header, so the length says nothing about the token.
    """
    responses = [client.get("/natverket/", **GZIP) for _ in range(8)]
    for response in responses:
        assert response["Content-Encoding"] == "gzip"
        assert response.content[3] & FNAME_FLAG, "the gzip header carries no random padding"
        assert 'name="csrfmiddlewaretoken"' in gzip.decompress(response.content).decode()
    assert len({len(response.content) for response in responses}) > 1


def test_the_api_is_compressed_and_its_etag_still_answers_304(client, home_page):
    response = client.get("/api/v2/pages/", **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["meta"]["total_count"] >= 1
    etag = response["ETag"]
    assert etag.startswith('W/"')  # weakened: the compressed bytes are not the identity body
    assert client.get("/api/v2/pages/", HTTP_IF_NONE_MATCH=etag, **GZIP).status_code == 304
    plain = client.get("/api/v2/pages/")
    assert "Content-Encoding" not in plain
    assert plain.json() == json.loads(gzip.decompress(response.content))


@pytest.mark.parametrize(
    ("url", "content_type", "marker"),
    [
        ("/nyheter/feed/", "application/rss+xml", b"<rss"),
        ("/nyheter/feed/atom/", "application/atom+xml", b"<feed"),
        ("/sitemap.xml", "application/xml", b"<urlset"),
        ("/aktivitetsplan/aktivitetsplan.ics", "text/calendar", b"BEGIN:VCALENDAR"),
        ("/aktivitetsplan/aktivitetsplan.csv", "text/csv", None),
    ],
)
def test_feeds_the_sitemap_and_the_exports_are_compressed(client, home_page, url, content_type, marker):
    plan_page(home_page)
    bulk_activities(5)
    response = client.get(url, **GZIP)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Encoding"] == "gzip"
    body = gzip.decompress(response.content)
    assert len(body) == len(client.get(url).content)
    assert (marker or b"Aktivitet") in body


def test_images_and_other_binaries_are_left_alone(client, home_page):
    response = client.get("/favicon.ico", **GZIP)
    assert "Content-Encoding" not in response
