"""Security headers on the public site; the admin is excluded from the public CSP only."""

import pytest

pytestmark = pytest.mark.django_db


def csp_directives(response):
    return {
        part.strip().split(" ", 1)[0]: part.strip().split(" ", 1)[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


@pytest.mark.parametrize("url", ["/", "/om-forbundet/"])
def test_public_pages_send_the_security_headers(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_hsts_is_sent_over_https_with_the_production_value(client, home_page, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in client.get("/")


def test_the_public_site_has_no_inline_script(client, home_page):
    html = client.get("/").content.decode()
    assert "<script>" not in html
    assert "onload=" not in html


def test_a_preview_keeps_the_public_csp_but_may_be_framed_by_the_admin(home_page):
    """Wagtail renders previews through the middleware at the public address; its panel frames them."""
    preview = home_page.make_preview_request()
    assert preview.status_code == 200
    directives = csp_directives(preview)
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]


def test_the_admin_gets_frame_denial_but_not_the_public_csp(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_cached_pages_keep_their_headers(client, home_page, settings):
    settings.PAGE_CACHE_ENABLED = True
    client.get("/om-forbundet/")
    hit = client.get("/om-forbundet/")
    assert hit["X-Page-Cache"] == "hit"
    assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["Referrer-Policy"] == "strict-origin-when-cross-origin"
