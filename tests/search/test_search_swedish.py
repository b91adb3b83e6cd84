"""Swedish search alike on both databases: one set of queries, the same pages on SQLite and on
PostgreSQL (the suite runs on whichever is configured; CI runs both).

PostgreSQL stems with its "swedish" configuration, SQLite's index holds the same Snowball stems
(site_lycksele.search_backend); inflected forms find the pages with their base forms.
"""

import re

import pytest
from django.db import connection

from site_lycksele.search_backend import STOP_WORDS, WORD, stem
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

PAGES = {
    "Rehabilitering i samverkan": "Arbetslivsinriktad rehabilitering för den som står långt från arbete.",
    "Tertialrapport januari till april": "Förbundets tertialrapport om verksamheten.",
    "Ett projekt för unga vuxna": "Vi driver ett projekt tillsammans med kommunen.",
    "Sök medel": "Så går ansökan till: skicka in din ansökan senast i maj.",
    "Konferens om psykisk hälsa": "Välkommen till en konferens i Lycksele.",
    "Nytt pressmeddelande": "Förbundet skickar ett pressmeddelande om nya insatser.",
    "Styrelsen": "Styrelsen består av ledamöter från huvudmännen.",
}
QUERIES = {
    "rehabiliteringen": {"Rehabilitering i samverkan"},
    "tertialrapporten": {"Tertialrapport januari till april"},
    "projektet": {"Ett projekt för unga vuxna"},
    "ansöka": {"Sök medel"},
    "konferensen": {"Konferens om psykisk hälsa"},
    "pressmeddelandet": {"Nytt pressmeddelande"},
    "projekten för unga": {"Ett projekt för unga vuxna"},  # "för" is a stop word
    "rehabiliteringen konferensen": set(),
    "och": set(),  # only a stop word
    "styrelsens ledamöter": {"Styrelsen"},
    "ledamot": set(),  # "ledamöter" stems to "ledamöt": ö is a letter of its own
}


def site_titles(response):
    return set(re.findall(r'<li class="search-result">\s*<h3>(?:<a href="[^"]*">)?([^<]+)', response.content.decode()))


def test_inflected_swedish_finds_the_base_forms_on_the_site_and_in_the_api(client, add_page):
    for title, intro in PAGES.items():
        add_page(title, intro=intro)
    # The site's own pages (about, funding, ...) match some queries too: only ours are compared.
    site = {query: site_titles(client.get("/sok/", {"q": query})) & PAGES.keys() for query in QUERIES}
    api = {
        query: {item["title"] for item in client.get("/api/v2/pages/", {"search": query}).json()["items"]}
        & PAGES.keys()
        for query in QUERIES
    }
    assert site == QUERIES
    assert api == QUERIES


@pytest.mark.postgres
def test_the_sqlite_stems_are_postgresqls_stems():
    """The SQLite index stems with snowballstemmer; PostgreSQL with its own copy of Snowball.
    Every word of the demo content and of the queries above stems alike (stop words aside)."""
    texts = [path.read_text() for path in (ROOT / "home").glob("demo*.py")]
    words = set(WORD.findall(" ".join(texts + list(PAGES.values()) + list(QUERIES)).lower())) - STOP_WORDS
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, ts_lexize('swedish_stem', word) FROM unnest(%s::text[]) AS word", [sorted(words)])
        postgres = {word: lexemes[0] if lexemes else None for word, lexemes in cursor.fetchall()}
    assert len(words) > 500
    assert {word: stem(word) for word in words} == postgres
