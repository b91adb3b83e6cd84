"""No anonymous 5xx: hypothesis over every public URL pattern and every query parameter the site
or its API reads (#14.6). Deterministic (derandomized) and bounded; schemathesis covers the API
schema in tests/api/test_api_schema.py, this covers what lies outside it (pages, feeds, exports,
find, forms' GET views, documents, health)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.home.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

# The admin is not anonymous; the email provider's webhooks take POSTs (tests/network/test_webhooks.py).
PRIVATE_PREFIXES = ("admin/", "anymail/", "django-admin/")
KNOWN_PATHS = [
    "/",
    "/om-forbundet/",
    "/kontakt/",
    "/soka-medel/",
    "/projekt/",
    "/nyheter/",
    "/nyheter/feed/",
    "/rapporter/",
    "/press/",
    "/press/feed/",
    "/aktivitetsplan/",
    "/natverket/",
    "/natverket/tack/",
    "/sok/",
    "/sok/forslag/",
    "/tillganglighet/",
    "/personuppgifter/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/healthz/live",
    "/embed/v1/latest.js",
    "/embed/v1/demo/",
    "/api/v2/openapi.json",
] + [
    f"/api/v2/{endpoint}/{view}"
    for endpoint in ("pages", "images", "documents", "press-releases", "activities")
    for view in ("", "find/", "1/", "9223372036854775808/")
]
PARAMETERS = [
    "q", "typ", "sida", "ar", "tagg", "status", "year", "page", "channel", "responsible", "p", "state",
    "search", "search_operator", "type", "fields", "limit", "offset", "order", "child_of", "descendant_of",
    "ancestor_of", "html_path", "id", "tag", "locale", "translation_of", "format", "width", "height", "title",
]  # fmt: skip
EDGE_VALUES = [
    "", "0", "-1", "1", "2007", "10000", "999999", "99999999999999999999", str(2**63), "abc", "\x00",
    "'", '"', "*", "/", "/nyheter/", "/nyheter/x/", "//", "../", "%", "NaN", "1e9", "x" * 3000, "<script>",
    "home.NewsPage", "wagtailcore.Page", "-id", "random", "title,-intro", "*,-title", "or", "and",
]  # fmt: skip


def _regexes(patterns, prefix=""):
    """The full-match regex of every URL pattern, includes flattened."""
    for pattern in patterns:
        regex = prefix + pattern.pattern.regex.pattern.lstrip("^")
        if isinstance(pattern, URLResolver):
            yield from _regexes(pattern.url_patterns, regex)
        elif isinstance(pattern, URLPattern):
            yield regex.replace("\\Z", "").rstrip("$")


PATTERNS = sorted({regex for regex in _regexes(get_resolver().url_patterns) if not regex.startswith(PRIVATE_PREFIXES)})
paths = st.one_of(
    st.sampled_from(KNOWN_PATHS),
    st.sampled_from(PATTERNS)
    .flatmap(lambda regex: st.from_regex(f"^{regex}$", fullmatch=True))
    .map(lambda path: "/" + path),
)
values = st.one_of(st.sampled_from(EDGE_VALUES), st.text(max_size=40), st.integers().map(str))
queries = st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=4)


def test_the_patterns_cover_the_public_site():
    assert any(regex.startswith("api/v2/") for regex in PATTERNS)
    assert any(regex.startswith("natverket/") for regex in PATTERNS)
    assert not any(regex.startswith(PRIVATE_PREFIXES) for regex in PATTERNS)


@pytest.fixture
def site(home_page):
    news_index = home_page.get_children().get(slug="nyheter").specific
    NewsPageFactory(parent=news_index, title="En nyhet", date="2007-06-01")
    return home_page


@settings(
    max_examples=120,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=paths, query=queries)
def test_no_public_url_or_parameter_gives_a_server_error(client, site, path, query):
    response = client.get(path, query)
    assert response.status_code < 500 or _is_readiness_report(path, response), (path, query, response.status_code)


def _is_readiness_report(path, response):
    """The readiness probe answers 503 by design while a dependency is down (no worker beats here)."""
    return path.rstrip("/") == "/healthz" and response.status_code == 503 and response.json()["status"] == "error"
