"""HTML responses are gzip-compressed, from the renderer and from the page cache alike, with BREACH padding."""

import gzip

import pytest

from site_lycksele import cache as page_cache

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


def test_the_api_keeps_its_plain_encoding(client, home_page):
    response = client.get("/api/v2/pages/", **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert response.json()["meta"]["total_count"] >= 1
