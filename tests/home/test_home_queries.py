"""Every public page type and listing renders in at most 15 queries, with 10 items as with 500.

Most need fewer (``MOST``, with every cache off as here): the view restrictions are read once
per request (home.visibility) and a child of a single-type listing is routed to in one query.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import ContactPagePerson, NewsPage, ProjectPage, ReportPage
from tests.home.factories import PersonFactory, bulk_children

pytestmark = pytest.mark.django_db

BUDGET = 15
# The queries each kind of page needs at most; any path not named here has BUDGET.
MOST = {
    "/": 12,
    "/nyheter/": 13,
    "/nyheter/feed/": 7,
    "news": 12,
    "/projekt/": 10,
    "project": 11,
    "/rapporter/": 9,
    "report": 11,
    "/om-forbundet/": 7,
    "/kontakt/": 7,
    "/soka-medel/": 10,
    "/tillganglighet/": 6,
    "/personuppgifter/": 6,
}


def most(path):
    return MOST.get(path.split("?")[0].removesuffix("atom/"), BUDGET)


@pytest.fixture(autouse=True)
def no_search_indexing(monkeypatch):
    """Bulk-created pages skip the search index; it is not what these tests measure."""
    import modelsearch.signal_handlers

    monkeypatch.setattr(modelsearch.signal_handlers, "insert_or_update_object_task", NoTask())


class NoTask:
    def enqueue(self, *args, **kwargs):
        return None


def count_queries(client, path):
    client.get(path)  # renditions and caches are made once, as on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def grow(make, client, paths):
    """Query counts of ``paths`` with 10 items, then with 500."""
    make(10)
    small = {path: count_queries(client, path) for path in paths}
    make(490)
    large = {path: count_queries(client, path) for path in paths}
    return small, large


def assert_flat(small, large):
    for path in small:
        assert small[path] <= most(path), (path, small[path])
        assert large[path] == small[path], (path, small[path], large[path])


def test_news_listing_home_and_feeds(client, home_page, news_index, project_index, image):
    project = bulk_children(project_index, ProjectPage, 1, lead="x", status=ProjectPage.Status.ONGOING)[0]
    news_index.per_page = 5
    news_index.save()

    def make(count):
        news = bulk_children(
            news_index,
            NewsPage,
            count,
            lead="Ingress",
            date=lambda n: f"2006-{n % 12 + 1:02d}-01",
            image_id=image.pk,
            image_alt="Bild",
            related_project_id=project.pk,
        )
        for item in news:
            item.tags.add("Lansering", f"Tagg {item.pk % 7}")

    paths = ["/", "/nyheter/", "/nyheter/?tagg=lansering&ar=2006", "/nyheter/?sida=2", "/nyheter/feed/"]
    paths.append("/nyheter/feed/atom/")
    small, large = grow(make, client, paths)
    assert_flat(small, large)
    news = NewsPage.objects.order_by("pk").first()
    assert count_queries(client, news.url) <= MOST["news"]


def test_project_listing_and_page(client, home_page, project_index, news_index):
    from home.models import Principal

    principals = list(Principal.objects.all())
    project_index.per_page = 5
    project_index.save()
    person = PersonFactory()

    def make(count):
        projects = bulk_children(
            project_index,
            ProjectPage,
            count,
            lead="Projekt",
            status=lambda n: ProjectPage.Status.values[n % 3],
            decision_date=lambda n: f"{2005 + n % 5}-05-10",
            contact_person_id=person.pk,
        )
        ProjectPage.principals.through.objects.bulk_create(
            [
                ProjectPage.principals.through(projectpage_id=project.pk, principal_id=principal.pk)
                for project in projects
                for principal in principals
            ]
        )
        bulk_children(news_index, NewsPage, count, lead="x", date="2006-01-01", related_project_id=projects[0].pk)

    small, large = grow(make, client, ["/projekt/", "/projekt/?status=pagaende&ar=2006", "/projekt/?sida=2"])
    assert_flat(small, large)
    project = ProjectPage.objects.order_by("pk").first()
    assert count_queries(client, project.url) <= MOST["project"]


def test_report_listing_and_page(client, home_page, report_index, pdf):
    from home.models import ReportKind

    kind = ReportKind.objects.get(name="Tertialrapport")

    def make(count):
        bulk_children(
            report_index,
            ReportPage,
            count,
            kind_id=kind.pk,
            year=lambda n: 1990 + n % 30,
            summary="<p>x</p>",
            document_id=pdf.pk,
        )

    small, large = grow(make, client, ["/rapporter/", f"/rapporter/?typ={kind.pk}"])
    assert_flat(small, large)
    report = ReportPage.objects.order_by("pk").first()
    assert count_queries(client, report.url) <= MOST["report"]


def test_content_pages(client, home_page, contact_page):
    for number in range(10):
        ContactPagePerson.objects.create(page=contact_page, person=PersonFactory(), sort_order=number)
    counts = {
        path: count_queries(client, path)
        for path in ["/om-forbundet/", "/kontakt/", "/soka-medel/", "/tillganglighet/", "/personuppgifter/"]
    }
    assert all(count <= most(path) for path, count in counts.items()), counts
    assert "Person" in client.get("/kontakt/").content.decode()
