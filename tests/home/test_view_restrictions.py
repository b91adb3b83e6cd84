"""Pages under a view restriction stay out of every listing and are served only past the restriction,
with the restrictions read once per request (home.visibility)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home.models import ProjectPage, StandardPage
from home.visibility import ViewRestrictionsMiddleware, is_public
from tests.home.factories import NewsPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def restrict(page, kind):
    if kind == PageViewRestriction.PASSWORD:
        return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="hemligt")
    return PageViewRestriction.objects.create(page=page, restriction_type=kind)


def assert_refused(client, page, kind):
    response = client.get(page.url)
    if kind == PageViewRestriction.PASSWORD:
        assert response.status_code == 200 and 'name="password"' in response.content.decode(), page.url
    else:
        assert response.status_code == 302 and "/login/" in response["Location"], page.url


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_restricted_pages_are_neither_listed_nor_served(client, news_index, project_index, about_page, kind):
    NewsPageFactory(parent=news_index, title="Öppen nyhet")
    secret_news = NewsPageFactory(parent=news_index, title="Hemlig nyhet")
    ongoing = ProjectPage.Status.ONGOING
    secret_project = ProjectPageFactory(parent=project_index, title="Hemligt projekt", status=ongoing)
    secret_section = about_page.add_child(instance=StandardPage(title="Hemlig avdelning", slug="hemlig"))
    below = secret_section.add_child(instance=StandardPage(title="Under hemlig", slug="under"))
    for page in (secret_news, secret_project, secret_section):
        restrict(page, kind)

    for path in ("/", "/nyheter/", "/projekt/", about_page.url):
        html = client.get(path).content.decode()
        assert "Öppen nyhet" in html or path != "/nyheter/"
        assert "Hemlig" not in html and "Under hemlig" not in html, path
    for page in (secret_news, secret_project, secret_section, below):
        assert_refused(client, page, kind)


def test_an_alias_of_a_restricted_page_and_the_pages_below_it_are_refused(client, home_page, about_page):
    """Wagtail serves an alias under its source's restrictions (restricted after the alias was made)."""
    secret = about_page.add_child(instance=StandardPage(title="Hemlig", slug="hemlig"))
    alias = secret.create_alias(parent=home_page, update_slug="alias-av-hemlig")
    below = Page.objects.get(pk=alias.pk).add_child(instance=StandardPage(title="Under aliaset", slug="under"))
    restrict(secret, PageViewRestriction.LOGIN)
    assert not alias.view_restrictions.exists()

    for page in (secret, alias, below):
        assert_refused(client, Page.objects.get(pk=page.pk), PageViewRestriction.LOGIN)
    assert client.get(about_page.url).status_code == 200


@pytest.mark.parametrize("path", ["/", "/nyheter/", "/projekt/", "/om-forbundet/", "news"])
def test_a_public_page_reads_the_view_restrictions_once(client, news_index, project_index, about_page, path):
    restrict(about_page.add_child(instance=StandardPage(title="Hemlig", slug="hemlig")), PageViewRestriction.LOGIN)
    if path == "news":
        path = NewsPageFactory(parent=news_index, related_project=ProjectPageFactory(parent=project_index)).url
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    reads = [query["sql"] for query in queries if "wagtailcore_pageviewrestriction" in query["sql"]]
    assert len(reads) == 1, reads


def test_a_restriction_added_while_a_request_is_served_counts_for_the_rest_of_it(about_page):
    def view(request):
        assert is_public(about_page)
        restrict(about_page, PageViewRestriction.LOGIN)
        return is_public(about_page)

    assert ViewRestrictionsMiddleware(view)(RequestFactory().get("/")) is False
