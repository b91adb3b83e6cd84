"""The full-page cache: anonymous reads are served from it, any publish purges it."""

import io

import pytest
from django.contrib.auth.models import User

from home import content_cache
from home.models import OrganisationSettings, StandardPage
from site_lycksele import cache as page_cache

pytestmark = pytest.mark.django_db

ABOUT = "/om-forbundet/"


@pytest.fixture
def page_cache_on(settings, home_page):
    settings.PAGE_CACHE_ENABLED = True
    page_cache.purge()


@pytest.fixture
def about_page(home_page):
    return StandardPage.objects.get(slug="om-forbundet")


def test_a_second_anonymous_get_is_a_hit_without_any_query(client, page_cache_on, django_assert_num_queries):
    first = client.get(ABOUT)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(ABOUT)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second
    assert second["X-Frame-Options"] == "DENY"


def test_head_is_answered_from_the_cache(client, page_cache_on):
    client.get(ABOUT)
    assert client.head(ABOUT)["X-Page-Cache"] == "hit"


def test_publishing_a_page_purges_every_cached_page(client, page_cache_on, about_page):
    client.get(ABOUT)
    client.get("/")
    about_page.title = "Om förbundet – uppdaterad"
    about_page.save_revision().publish()

    after = client.get(ABOUT)
    assert after["X-Page-Cache"] == "miss"
    assert "Om förbundet – uppdaterad" in after.content.decode()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_unpublishing_and_deleting_purge(client, page_cache_on, about_page):
    client.get(ABOUT)
    about_page.unpublish()
    assert client.get(ABOUT).status_code == 404

    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    about_page.delete()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_saving_a_draft_does_not_purge(client, page_cache_on, about_page):
    client.get(ABOUT)
    about_page.title = "Utkast"
    about_page.save_revision()
    response = client.get(ABOUT)
    assert response["X-Page-Cache"] == "hit"
    assert "Utkast" not in response.content.decode()


def test_saving_the_site_settings_purges(client, page_cache_on, home_page):
    client.get("/")
    organisation = OrganisationSettings.objects.get()
    organisation.phone = "0950-123 45"
    organisation.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"


def test_publish_queues_a_purge_after_commit(page_cache_on, about_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        about_page.save_revision().publish()
    assert content_cache.replace_version in callbacks


def test_logged_in_users_bypass_the_cache(client, page_cache_on, coordinator):
    client.get(ABOUT)
    client.force_login(coordinator)
    response = client.get(ABOUT)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert 'lang="sv"' in response.content.decode()


def test_post_bypasses_the_cache(client, page_cache_on):
    client.get(ABOUT)
    response = client.post(ABOUT)
    assert "X-Page-Cache" not in response


@pytest.mark.parametrize(
    "url",
    ["/om-forbundet/?q=x", "/om-forbundet/?nocache=1", "/admin/login/", "/healthz/live", "/sitemap.xml?x=1"],
)
def test_excluded_paths_and_query_strings_bypass_the_cache(client, page_cache_on, url):
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_allowed_query_parameters_are_part_of_the_key(client, page_cache_on):
    assert client.get(ABOUT + "?page=2")["X-Page-Cache"] == "miss"
    assert client.get(ABOUT + "?page=2")["X-Page-Cache"] == "hit"
    assert client.get(ABOUT + "?page=3")["X-Page-Cache"] == "miss"


def test_responses_that_set_a_cookie_are_not_stored(client, page_cache_on, settings):
    # The admin login form sets the CSRF cookie; even outside /admin/ such a page is never shared.
    settings.PAGE_CACHE_EXCLUDE_PREFIXES = []
    first = client.get("/admin/login/")
    assert first.cookies
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_error_responses_are_not_stored(client, page_cache_on):
    client.get("/finns-inte/")
    assert "X-Page-Cache" not in client.get("/finns-inte/")


def test_a_stale_session_or_messages_cookie_bypasses(client, page_cache_on):
    client.get(ABOUT)
    client.cookies["sessionid"] = "stale"
    assert "X-Page-Cache" not in client.get(ABOUT)
    del client.cookies["sessionid"]
    client.cookies["messages"] = "x"
    assert "X-Page-Cache" not in client.get(ABOUT)


def test_an_unreachable_page_cache_serves_the_page_uncached(client, page_cache_on, unreachable_cache):
    for _ in range(2):
        response = client.get(ABOUT)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response


def test_disabled_cache_is_bypassed(client, page_cache_on, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(ABOUT)
    assert "X-Page-Cache" not in client.get(ABOUT)


def test_user_model_saves_do_not_purge(client, page_cache_on):
    client.get(ABOUT)
    User.objects.create_user("someone")
    assert client.get(ABOUT)["X-Page-Cache"] == "hit"


def test_the_purge_command_empties_the_cache(client, page_cache_on):
    from django.core.management import call_command

    client.get(ABOUT)
    call_command("purge_page_cache", stdout=io.StringIO())
    assert client.get(ABOUT)["X-Page-Cache"] == "miss"


def test_making_a_page_private_purges_it_at_once(client, page_cache_on, about_page):
    from wagtail.models import PageViewRestriction

    assert client.get(ABOUT).status_code == 200
    assert client.get(ABOUT)["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(page=about_page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(ABOUT)
    assert response.status_code == 302
    assert "X-Page-Cache" not in response


def test_saving_a_document_purges(client, page_cache_on):
    from tests.search.factories import DocumentFactory

    client.get(ABOUT)
    DocumentFactory(title="Tertialrapport 1")
    assert client.get(ABOUT)["X-Page-Cache"] == "miss"
