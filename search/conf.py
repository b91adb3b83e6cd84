"""Settings of the search app, with defaults; override them in the project settings."""

from django.conf import settings


def max_query_length():
    """Longer queries are cut: they cost the database time and find nothing more."""
    return getattr(settings, "SEARCH_MAX_QUERY_LENGTH", 200)


def results_per_page():
    return getattr(settings, "SEARCH_RESULTS_PER_PAGE", 10)


def max_pages():
    """Deeper pages are not offered: nobody reads them and each costs more to rank."""
    return getattr(settings, "SEARCH_MAX_PAGES", 20)


def news_page_models():
    """Page models shown under "nyheter" rather than "sidor" (``app_label.ModelName``)."""
    return getattr(settings, "SEARCH_NEWS_PAGE_MODELS", ["home.NewsPage"])
