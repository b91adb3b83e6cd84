"""The same hostile queries against the site search and the API search, on whichever database
the suite runs on (CI runs both): FTS5 and tsquery syntax, quotes, NUL and very long input are
words or nothing, never a server error."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    "'",
    '"unterminated',
    "unbalanced'",
    '""',
    "*",
    "samverkan*",
    "*samverkan",
    "NEAR",
    "NEAR(samverkan projekt)",
    "NEAR/2",
    "AND",
    "OR",
    "NOT",
    "samverkan AND",
    "OR samverkan",
    "samverkan NOT projekt",
    "a AND OR NOT b",
    "(",
    ")",
    "(samverkan",
    "samverkan)",
    "[samverkan",
    "{title body} : samverkan",
    "-",
    "-samverkan",
    "samverkan -projekt",
    "^",
    "^samverkan",
    ":",
    "title:samverkan",
    "samverkan:*",
    "!samverkan",
    "samverkan <-> projekt",
    "samverkan & | !",
    "\\",
    "%",
    "' OR 1=1; --",
    "\x00",
    "samverkan\x00projekt",
    "x" * 10_000,
    "samverkan " * 500,
]
API_SEARCHES = ["/api/v2/pages/", "/api/v2/press-releases/", "/api/v2/activities/", "/api/v2/documents/"]


def test_hostile_queries_never_fail_the_site_or_the_api_search(client, add_page):
    add_page("Samverkan i Lycksele", intro="Rehabilitering genom samverkan och projekt.")
    failures = []
    for query in HOSTILE:
        for path, params in [("/sok/", {"q": query}), ("/sok/forslag/", {"q": query})] + [
            (path, {"search": query}) for path in API_SEARCHES
        ]:
            response = client.get(path, params)
            if response.status_code != 200:
                failures.append((path, query[:40], response.status_code))
    assert failures == [], f"on {connection.vendor}"


def test_query_syntax_is_read_as_words(client, add_page):
    """Operators and quotes are neither obeyed nor an error: what remains are the words."""
    ours = {
        add_page(title, intro=intro).title
        for title, intro in [
            ("Samverkan i Lycksele", "Rehabilitering genom samverkan."),
            ("Projekt för unga", "Ett projekt."),
        ]
    }
    for query, expected in [
        ('"samverkan', ["Samverkan i Lycksele"]),
        ("samverkan NOT projekt", []),  # NOT is a word no page contains
        ("NEAR(samverkan rehabilitering)", []),
        ("(rehabilitering) samverkan*", ["Samverkan i Lycksele"]),
        ("-projekt", ["Projekt för unga"]),
    ]:
        found = [item["title"] for item in client.get("/api/v2/pages/", {"search": query}).json()["items"]]
        assert [title for title in found if title in ours] == expected, query
