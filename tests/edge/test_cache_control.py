"""Cache-Control for shared caches (site_lycksele.edge): s-maxage only where every visitor gets the same response."""

import pytest
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from site_lycksele import cache as page_cache

pytestmark = pytest.mark.django_db

ABOUT = "/om-forbundet/"


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_a_public_page_may_be_kept_by_shared_caches_and_browsers_revalidate(client, home_page, settings):
    response = client.get(ABOUT)
    assert directives(response) == {"public", "max-age=0", f"s-maxage={settings.EDGE_CACHE_TTL}"}
    assert "Cookie" not in response.get("Vary", "")


def test_a_shareable_page_varies_on_the_language_only_where_the_site_speaks_several(client, home_page, settings):
    assert "Accept-Language" not in client.get(ABOUT).get("Vary", "")
    settings.LANGUAGES = [("sv", "Svenska"), ("en", "English")]
    assert "Accept-Language" in client.get(ABOUT)["Vary"]


SHAREABLE = ["/", "/nyheter/", "/nyheter/feed/", "/sitemap.xml", "/aktivitetsplan/aktivitetsplan.ics"]


@pytest.mark.parametrize("url", SHAREABLE)
def test_listings_feeds_and_exports_are_shareable(client, home_page, url):
    assert any(value.startswith("s-maxage=") for value in directives(client.get(url))), url


def test_a_page_cache_hit_is_shareable_too(client, home_page, settings):
    settings.PAGE_CACHE_ENABLED = True
    page_cache.purge()
    client.get(ABOUT)
    hit = client.get(ABOUT)
    assert hit["X-Page-Cache"] == "hit"
    assert "public" in directives(hit)


def test_an_editors_page_is_private(client, home_page, coordinator):
    client.force_login(coordinator)
    response = client.get(ABOUT)
    assert "private" in directives(response)
    assert not any(value.startswith("s-maxage") for value in directives(response))


def test_a_form_with_a_csrf_token_is_private(client, home_page):
    response = client.get("/natverket/")
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "private" in directives(response)


@pytest.mark.parametrize("url", ["/om-forbundet/?okand=1", "/finns-inte/", "/admin/login/"])
def test_unknown_queries_errors_and_the_admin_are_private(client, home_page, url):
    assert "private" in directives(client.get(url)), url


def test_a_private_page_is_not_shareable(client, home_page):
    page = StandardPage.objects.get(slug="om-forbundet")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(ABOUT)
    assert response.status_code == 302
    assert "public" not in directives(response)


def test_a_view_keeps_its_own_policy(client, home_page):
    # The API sets its own (browser caching, no s-maxage): the edge does not store it.
    response = client.get("/api/v2/pages/")
    assert "public" in directives(response)
    assert not any(value.startswith("s-maxage") for value in directives(response))


def test_a_preview_is_private(admin_client, home_page):
    page = StandardPage.objects.get(slug="om-forbundet")
    response = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert "public" not in directives(response)
