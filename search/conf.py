"""Settings of the search app, with defaults (home.app_settings: Django settings, then the environment)."""

from home.app_settings import AppSettings

DEFAULTS = {
    # Longer queries are cut, in characters: they cost the database time and find nothing more.
    "SEARCH_MAX_QUERY_LENGTH": 200,
    # Results per page: a count.
    "SEARCH_RESULTS_PER_PAGE": 10,
    # Deeper pages are not offered (a count of pages): nobody reads them and each costs more to rank.
    "SEARCH_MAX_PAGES": 20,
    # Page models shown under "nyheter" rather than "sidor": ``app_label.ModelName`` names.
    "SEARCH_NEWS_PAGE_MODELS": ["home.NewsPage"],
}

get = AppSettings("SEARCH", DEFAULTS).get
