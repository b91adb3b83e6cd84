"""The page a public address routes to, kept per content version (home.content_cache).

Wagtail routes a request one tree level at a time, two queries per level, after one to find
the Site. :class:`RouteCacheMiddleware` keeps the Site and the route result (the specific page,
and for a routable page its view and arguments) of every address that routed to a page, so a
request the page cache cannot answer (a session, an unknown query string) starts rendering
without those queries. It fills the two attributes Wagtail's own ``Site.find_for_request``
and ``Page.route_for_request`` keep per request. An address that routes nowhere is not kept.
A publication, move or deletion replaces the version, so a kept route never outlives the
tree it came from; the view restrictions are still checked on every request (Wagtail's
``before_serve_page`` hook runs after routing).
"""

from django.db import InterfaceError, OperationalError
from wagtail.models import Page, Site
from wagtail.views import serve

from home.content_cache import cached


def _route(request, path):
    """(site, route result) for ``path``, found as Wagtail finds them; None when it routes nowhere."""
    site = Site.find_for_request(request)
    route = Page.route_for_request(request, path)
    return (site, route) if route is not None else None


class RouteCacheMiddleware:
    """Give Wagtail's page view the kept Site and route of a GET or HEAD request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not serve or request.method not in ("GET", "HEAD"):
            return None
        if hasattr(request, "_wagtail_route_for_request"):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")  # as Wagtail's URL pattern captures it
        try:
            found = cached("route", lambda: _route(request, path), request._get_raw_host(), request.get_port(), path)
        except (OperationalError, InterfaceError):
            return None  # the view meets the same trouble, and the outage middleware answers it with 503
        if found is not None:
            request._wagtail_site, request._wagtail_route_for_request = found
        return None
