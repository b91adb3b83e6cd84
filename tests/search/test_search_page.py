import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Collection, CollectionViewRestriction

from search.engine import clean_query, highlight
from tests.activities.factories import ActivityFactory, plan_page, unpublished_plan_page
from tests.press.factories import PressEventFactory, PressReleaseFactory
from tests.search.conftest import titles
from tests.search.factories import DocumentFactory

pytestmark = pytest.mark.django_db
QUERY_BUDGET = 15  # SQL queries per public page (DESIGN.md), with 10 or 500 items in the listing


def test_finds_live_public_pages_and_keeps_the_query_in_the_box(client, add_page):
    add_page("Samverkan i Lycksele", intro="Rehabilitering genom samverkan.")
    response = client.get("/sok/", {"q": "samverkan"})
    assert response.status_code == 200
    assert titles(response) == ["Samverkan i Lycksele"]
    assert 'value="samverkan"' in response.content.decode()


def test_draft_and_private_pages_never_appear(client, add_page):
    add_page("Hemlig utredning utkast", live=False)
    add_page("Hemlig utredning lösenord", restricted="password")
    secret_parent = add_page("Hemlig utredning inloggning", restricted="login")
    add_page("Hemlig utredning under", parent=secret_parent)
    add_page("Hemlig utredning publik")
    response = client.get("/sok/", {"q": "hemlig utredning"})
    assert titles(response) == ["Hemlig utredning publik"]


def test_documents_in_restricted_collections_never_appear(client, home_page):
    root = Collection.get_first_root_node()
    closed = root.add_child(name="Styrelsen")
    inner = closed.add_child(name="Protokoll")
    CollectionViewRestriction.objects.create(collection=closed, restriction_type="login")
    DocumentFactory(title="Verksamhetsplan öppen")
    DocumentFactory(title="Verksamhetsplan stängd", collection=inner)
    response = client.get("/sok/", {"q": "verksamhetsplan", "typ": "dokument"})
    assert titles(response) == ["Verksamhetsplan öppen"]


def test_activity_hits_link_to_their_row_on_the_plan_page(client, home_page, django_assert_max_num_queries):
    unpublished_plan_page(home_page)
    ActivityFactory(title="Informationsträff om samverkan")
    without_plan = client.get("/sok/", {"q": "informationsträff"}).content.decode()
    assert "<h3>Informationsträff om samverkan</h3>" in without_plan
    plan_page(home_page)
    activity = ActivityFactory(title="Informationsträff i Storuman")
    response = client.get("/sok/", {"q": "storuman", "typ": "aktiviteter"})
    assert titles(response) == ["Informationsträff i Storuman"]
    assert f'<h3><a href="/aktivitetsplan/#aktivitet-{activity.pk}">' in response.content.decode()
    for number in range(10):  # a full page of hits: the type's count is its own query from here on
        ActivityFactory(title=f"Informationsträff {number}")
    with django_assert_max_num_queries(40) as few:
        client.get("/sok/", {"q": "informationsträff"})
    for number in range(10, 20):
        ActivityFactory(title=f"Informationsträff {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        many = client.get("/sok/", {"q": "informationsträff"})
    assert many.content.decode().count('<a href="/aktivitetsplan/#aktivitet-') == 10


def test_type_filter_counts_and_restricts(client, add_page):
    add_page("Kvarkenrådet")
    DocumentFactory(title="Kvarkenrådet protokoll")
    everything = client.get("/sok/", {"q": "kvarkenrådet"})
    body = everything.content.decode()
    assert 'typ=sidor">Sidor <span class="search-types__count">(1)</span>' in body
    assert 'typ=dokument">Dokument <span class="search-types__count">(1)</span>' in body
    assert sorted(titles(everything)) == ["Kvarkenrådet", "Kvarkenrådet protokoll"]
    only_documents = client.get("/sok/", {"q": "kvarkenrådet", "typ": "dokument"})
    assert titles(only_documents) == ["Kvarkenrådet protokoll"]
    assert 'name="typ" value="dokument"' in only_documents.content.decode()
    assert 'typ=sidor">Sidor <span class="search-types__count">(1)</span>' in only_documents.content.decode()
    unknown_type = client.get("/sok/", {"q": "kvarkenrådet", "typ": "<script>"})
    assert unknown_type.status_code == 200
    assert len(titles(unknown_type)) == 2


def test_pagination_bounds(client, add_page, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    for number in range(5):
        add_page(f"Arbetsmarknad {number}")
    first = client.get("/sok/", {"q": "arbetsmarknad"})
    assert len(titles(first)) == 2
    assert "Sida 1 av 3" in first.content.decode()
    seen = set()
    for page in ("1", "2", "3"):
        seen.update(titles(client.get("/sok/", {"q": "arbetsmarknad", "sida": page})))
    assert len(seen) == 5
    for bad, expected in (("0", 1), ("-4", 1), ("abc", 1), ("9999999999999999999999", 3), ("3.5", 1)):
        response = client.get("/sok/", {"q": "arbetsmarknad", "sida": bad})
        assert response.status_code == 200
        assert f"Sida {expected} av 3" in response.content.decode()


def test_pages_beyond_the_cap_are_not_offered(client, add_page, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 1
    settings.SEARCH_MAX_PAGES = 2
    for number in range(4):
        add_page(f"Finsamverkan {number}")
    response = client.get("/sok/", {"q": "finsamverkan", "sida": "4"})
    assert "Sida 2 av 2" in response.content.decode()
    assert "4 träffar" in response.content.decode()


def test_excerpt_highlights_terms_after_escaping(client, add_page):
    add_page("Ungdomar", intro="Stöd till <b>ungdomar</b> & unga vuxna i Lycksele.")
    body = client.get("/sok/", {"q": "ungdomar"}).content.decode()
    assert "&lt;b&gt;<mark>ungdomar</mark>&lt;/b&gt; &amp; unga vuxna" in body


def test_highlight_marks_inflected_forms_and_escapes():
    assert highlight("Projekten & <projekt>", "projekt") == (
        "<mark>Projekten</mark> &amp; &lt;<mark>projekt</mark>&gt;"
    )
    assert highlight("<script>", "") == "&lt;script&gt;"


def test_empty_results_offer_suggestions(client, add_page):
    page = add_page("Rehabilitering")
    promoted = Query.get("rehabilitering")
    SearchPromotion.objects.create(query=promoted, page=page, sort_order=0)
    body = client.get("/sok/", {"q": "xyzzyqwerty"}).content.decode()
    assert "Inga träffar" in body
    assert "Kontrollera stavningen" in body
    assert '<a href="?q=rehabilitering">rehabilitering</a>' in body


def test_empty_query_renders_the_form(client, django_assert_max_num_queries, home_page):
    with django_assert_max_num_queries(8):
        response = client.get("/sok/", {"q": "   "})
    assert response.status_code == 200
    assert "Skriv ett eller flera ord" in response.content.decode()
    assert not Query.objects.exists()


def test_promoted_results_shown_first_and_only_when_public(client, add_page):
    public = add_page("Ansökan om medel")
    draft = add_page("Gammal ansökan", live=False)
    query = Query.get("ansökan")
    SearchPromotion.objects.create(query=query, page=public, sort_order=1, description="Så söker du medel.")
    SearchPromotion.objects.create(query=query, page=draft, sort_order=0)
    SearchPromotion.objects.create(
        query=query, external_link_url="https://example.org/blankett", external_link_text="Blankett", sort_order=2
    )
    body = client.get("/sok/", {"q": "Ansökan"}).content.decode()
    promoted = body.split('class="search-promotions"')[1].split("</section>")[0]
    assert re.findall(r"<h3><a href=\"([^\"]+)\">([^<]+)", promoted) == [
        ("/ansokan-om-medel/", "Ansökan om medel"),
        ("https://example.org/blankett", "Blankett"),
    ]
    assert "Så söker du medel." in promoted


def test_queries_are_counted_without_storing_who_searched(client, add_page, admin_user):
    client.force_login(admin_user)
    client.get("/sok/", {"q": "Samverkan"})
    client.get("/sok/", {"q": "samverkan "})
    client.get("/sok/", {"q": "samverkan", "sida": "2"})
    query = Query.objects.get()
    assert query.query_string == "samverkan"
    assert query.hits == 2
    assert [f.name for f in QueryDailyHits._meta.concrete_fields] == ["id", "query", "date", "hits"]


def test_results_page_queries_are_bounded(client, add_page, django_assert_max_num_queries):
    for number in range(3):
        add_page(f"Insats {number}")
    client.get("/sok/", {"q": "insats"})  # the first search of a query stores it; a publication renews the menus
    with django_assert_max_num_queries(QUERY_BUDGET) as few:
        client.get("/sok/", {"q": "insats"})
    few = len(few)  # now: the query log keeps only the latest queries
    for number in range(3, 30):
        add_page(f"Insats {number}")
    client.get("/sok/", {"q": "insats"})
    with django_assert_max_num_queries(few):
        client.get("/sok/", {"q": "insats"})


def add_hits_of_every_kind(add_page, numbers):
    """Pages, activities, press releases, press events and documents that all match "samverkan"."""
    for number in numbers:
        add_page(f"Samverkan {number}")
        ActivityFactory(title=f"Samverkan i aktivitet {number}")
        PressReleaseFactory(title=f"Samverkan i pressmeddelande {number}", live=True)
        PressEventFactory(title=f"Samverkan på presskonferens {number}", live=True)
        DocumentFactory(title=f"Samverkan i dokument {number}")


@pytest.mark.parametrize("params", [{}, {"typ": "aktiviteter"}, {"sida": "2"}, {"sida": "99"}])
def test_every_kind_of_hit_stays_within_the_query_budget_however_many(
    client, home_page, add_page, django_assert_max_num_queries, params
):
    plan_page(home_page)
    add_hits_of_every_kind(add_page, range(4))  # 20 hits: every kind on the first two pages
    client.get("/sok/", {"q": "samverkan", **params})  # stores the query; a publication renews the menus
    with django_assert_max_num_queries(QUERY_BUDGET) as few:
        client.get("/sok/", {"q": "samverkan", **params})
    few = len(few)  # now: the query log keeps only the latest queries
    add_hits_of_every_kind(add_page, range(4, 24))
    client.get("/sok/", {"q": "samverkan", **params})
    with django_assert_max_num_queries(few):
        many = client.get("/sok/", {"q": "samverkan", **params})
    assert ("24 träffar" if "typ" in params else "120 träffar") in many.content.decode()
    assert len(titles(many)) == 10


def test_query_is_cleaned_and_capped():
    assert clean_query("  a\x00b\x1b[31m\u200b c\t\n ") == "a b [31m c"
    assert len(clean_query("å" * 10_000)) == 200


HOSTILE = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "x" * 10_000,
            "' OR 1=1; DROP TABLE wagtailcore_page; --",
            '"unterminated',
            "a AND OR NOT b",
            "NEAR(a b)",
            "* ^ : ( ) | & ! <-> \\",
            "title:projekt",
            "\x00\x01\x02",
            "%",
            "-",
            "&",
            "!!",
        ]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=HOSTILE, page=st.one_of(st.none(), st.text(max_size=20)), kind=st.one_of(st.none(), st.text(max_size=20)))
def test_hostile_queries_never_fail(client, add_page, query, page, kind):
    params = {"q": query.replace("\x00", "\ufffd") if connection.vendor == "postgresql" else query}
    if page is not None:
        params["sida"] = page
    if kind is not None:
        params["typ"] = kind
    response = client.get("/sok/", params)
    assert response.status_code == 200
    suggestions = client.get("/sok/forslag/", {"q": query})
    assert suggestions.status_code == 200
    assert isinstance(suggestions.json()["suggestions"], list)


def test_suggestions_json(client, add_page):
    add_page("Nätverket för samverkan")
    data = client.get("/sok/forslag/", {"q": "nätv"}).json()
    assert data["suggestions"] == [
        {"title": "Nätverket för samverkan", "url": "/natverket-for-samverkan/", "type": "Sidor"}
    ]
    assert client.get("/sok/forslag/", {"q": "n"}).json()["suggestions"] == []
    assert client.post("/sok/forslag/", {"q": "nätv"}).status_code == 405


def test_results_page_works_without_javascript(client, add_page):
    body = client.get("/sok/", {"q": "något"}).content.decode()
    assert re.search(r'<form class="search-form" role="search" action="/sok/" method="get"', body)
    assert 'role="combobox"' in body and 'aria-controls="search-suggestions"' in body


def test_results_are_kept_until_content_or_picks_change_and_every_search_counts(client, add_page, settings):
    from home.content_cache import replace_version

    settings.PAGE_CACHE_ENABLED = True
    replace_version()
    add_page("Kvarkenrådet i Lycksele")
    assert titles(client.get("/sok/", {"q": "kvarkenrådet"})) == ["Kvarkenrådet i Lycksele"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/sok/", {"q": "kvarkenrådet"})
    assert titles(again) == ["Kvarkenrådet i Lycksele"]
    assert not [query for query in queries.captured_queries if "tsquery" in query["sql"] or "MATCH" in query["sql"]]
    assert Query.objects.get(query_string="kvarkenrådet").hits == 2

    add_page("Kvarkenrådet protokoll")  # a publication: the next search runs anew
    assert sorted(titles(client.get("/sok/", {"q": "kvarkenrådet"}))) == [
        "Kvarkenrådet i Lycksele",
        "Kvarkenrådet protokoll",
    ]
    SearchPromotion.objects.create(
        query=Query.get("kvarkenrådet"), external_link_url="https://example.org/kvarken", external_link_text="Kvarken"
    )
    assert "https://example.org/kvarken" in client.get("/sok/", {"q": "kvarkenrådet"}).content.decode()
