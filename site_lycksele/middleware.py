"""Project-wide middleware: the full-page cache for anonymous visitors, the CSP with Wagtail's previews,
a database outage answered as one, text compressed."""

import logging

from csp.middleware import CSPMiddleware
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string

from site_lycksele import cache as page_cache

logger = logging.getLogger(__name__)
DATABASE_RETRY_AFTER = 30  # seconds, told to clients and crawlers with a 503


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests for public pages from the page cache.

    It sits before the session and authentication middleware, so a hit costs one
    cache round trip and no database query. Responses carry ``X-Page-Cache: hit``
    or ``miss`` when the cache was consulted.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_cache.cache_key(request)
        if key is None:
            return self.get_response(request)
        response, version = page_cache.lookup(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and version is not None and page_cache.is_cacheable_response(request, response):
            page_cache.store(key, version, response)
            response["X-Page-Cache"] = "miss"
        return response


class PreviewFramingCSPMiddleware(CSPMiddleware):
    """django-csp's policy, except that the admin may frame Wagtail's previews.

    Wagtail renders a preview through the middleware as if it were requested at the
    object's public address, so the preview gets the public site's policy, whose
    ``frame-ancestors 'none'`` leaves the admin's preview panel blank.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if getattr(request, "is_preview", False) and not report_only:
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


class DatabaseOutageMiddleware:
    """Answer a request the database could not serve with 503 and a page that needs no database.

    Pages in the page cache are still served (PageCacheMiddleware answers before
    anything touches the database); any other request would otherwise end in a 500
    that tells crawlers and monitors the wrong thing. Last in MIDDLEWARE, so it sees the
    view's exception first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable; answering %s with 503", request.path, exc_info=exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (random padding against BREACH, weakened ETags) for the text the site serves:
    HTML, the API's JSON, feeds, the sitemap, iCalendar and CSV exports."""

    COMPRESSED_TYPES = (
        "text/html",
        "application/json",
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "text/calendar",
        "text/csv",
    )

    def process_response(self, request, response):
        if response.get("Content-Type", "").split(";")[0].strip() not in self.COMPRESSED_TYPES:
            return response
        return super().process_response(request, response)
