"""Stemming and ranking (on both databases), and the index PostgreSQL's search needs."""

import pytest

from tests.search.conftest import titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "expected", "marked"),
    [
        ("pressmeddelandet", "Nytt pressmeddelande om samverkan", "pressmeddelande"),
        ("projekten", "Ett projekt för unga vuxna", "projekt"),
        ("samordningsförbundets", "Om samordningsförbundet", "samordningsförbundet"),
    ],
)
def test_swedish_inflections_find_the_base_form(client, add_page, query, expected, marked):
    for title in ("Nytt pressmeddelande om samverkan", "Ett projekt för unga vuxna", "Om samordningsförbundet"):
        add_page(title, intro=f"Text: {title.lower()}.")
    response = client.get("/sok/", {"q": query})
    assert expected in titles(response)
    assert f"<mark>{marked}</mark>" in response.content.decode()


def test_title_matches_rank_above_body_matches(client, add_page):
    add_page("Styrelsen", intro="Om arbetsmarknad och annat.")
    add_page("Arbetsmarknad", intro="Insatser.")
    assert titles(client.get("/sok/", {"q": "arbetsmarknad"}))[0] == "Arbetsmarknad"


@pytest.mark.postgres
def test_the_matched_vector_is_indexed(add_page):
    """The backend matches ``title || body``: without an index on that expression every
    query scans all entries of the searched model (search/migrations/0002)."""
    from django.db import connection

    add_page("Ett projekt för unga vuxna")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('swedish'::regconfig, 'projekt')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_title_body_gin" in plan
