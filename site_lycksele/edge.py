"""The edge cache (Varnish, deploy/varnish/) in front of the web processes: what it may keep, and its purge.

``EdgeCacheControlMiddleware`` marks public, anonymous responses as shareable
(``Cache-Control: public, max-age=EDGE_BROWSER_MAX_AGE, s-maxage=EDGE_CACHE_TTL``) and every
other response as ``private``; the VCL stores only what carries ``s-maxage``.

A change purges, once its transaction has committed, exactly what it made stale, as
site_lycksele.stale (shared with Django's page cache) says: addresses with ``PURGE``, and
a ban for a host whose every page is stale; a deploy purges everything (``manage.py
purge_page_cache``). The purges go through
``wagtail.contrib.frontend_cache`` (its task, its backend registry) to
:class:`VarnishBackend`; with ``FRONTEND_CACHE_URL`` unset nothing is sent. An unreachable
edge is logged and publishing carries on.
"""

import http.client
import logging
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache

logger = logging.getLogger(__name__)


class VarnishBackend(BaseBackend):
    """``PURGE <path>`` (every query variant of it, deploy/varnish/default.vcl) and ``BAN`` (a host, or all).

    Like Wagtail's HTTPBackend, but with a timeout, so that a publication never waits long on an
    unreachable edge, and with a ban for the purges that concern every page.
    """

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.host, self.port = location.hostname, location.port or 80
        self.timeout = float(params.get("TIMEOUT", 2))

    def purge(self, url):
        parts = urlsplit(url)
        self.send("PURGE", parts.path or "/", parts.netloc)

    def ban_host(self, host):
        self.send("BAN", "/", host)

    def ban_everything(self):
        self.send("BAN", "/", self.host, {"X-Ban-Scope": "all"})

    def send(self, method, path, host, headers=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, headers={"Host": host, **(headers or {})})
            response = conn.getresponse()
            response.read()
        except OSError as exc:
            logger.error("Edge cache unreachable: %s %s (host %s) not sent: %s", method, path, host, exc)
            return
        finally:
            conn.close()
        if response.status != 200:
            logger.error("Edge cache refused %s %s (host %s): %s", method, path, host, response.status)


def edge_backends():
    return [backend for backend in get_backends().values() if isinstance(backend, VarnishBackend)]


def purge_everything():
    """Ban every object on every host (a deploy: templates and static file names may have changed)."""
    for backend in edge_backends():
        backend.ban_everything()


# What the open transaction's changes made stale (a site_lycksele.stale.Stale), sent once it commits.
_pending = threading.local()


def _flush():
    batch, _pending.batch = _pending.batch, None
    banned = {urlsplit(root_url).netloc for root_url in batch.hosts}
    for host in sorted(banned):
        for backend in edge_backends():
            backend.ban_host(host)
    purge_urls_from_cache(sorted(url for url in batch.urls if urlsplit(url).netloc not in banned))


def invalidate(stale):
    """Purge what ``stale`` names once the current transaction commits (at once outside one).

    The content version's own after-commit replacement (site_lycksele.cache) is registered
    before ours (site_lycksele.stale.invalidate), so it runs first: the edge never refetches
    a page that Django's page cache rendered before the commit.
    """
    if not edge_backends():
        return
    batch = getattr(_pending, "batch", None)
    if batch is None:
        _pending.batch = stale
        transaction.on_commit(_flush)
    else:
        _pending.batch = batch | stale


def is_shareable(request, response):
    """May a shared cache keep this response for every visitor? Public, anonymous, cookie-less GETs only."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return False
    if "Cache-Control" in response or response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a view's own policy wins; a CSRF token or a cookie belongs to one visitor
    if getattr(request, "is_preview", False) or "HTTP_AUTHORIZATION" in request.META:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if getattr(getattr(request, "user", None), "is_authenticated", False):
        return False
    if request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDE_PREFIXES)):
        return False
    return all(name in settings.PAGE_CACHE_QUERY_PARAMS for name in request.GET)


class EdgeCacheControlMiddleware:
    """``Cache-Control`` for shared caches: ``s-maxage`` where every visitor gets the same response, else ``private``.

    Above the page cache, so its hits are marked too. ``Vary`` names only what can change a shareable
    response: ``Cookie`` is dropped (they came out the same without a session; the edge passes every
    request with one), and so is ``Accept-Language`` while the site speaks one language (Django's
    LocaleMiddleware adds it; each browser's own value would be a variant of its own in a shared cache).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_shareable(request, response):
            patch_cache_control(
                response, public=True, max_age=settings.EDGE_BROWSER_MAX_AGE, s_maxage=settings.EDGE_CACHE_TTL
            )
            vary = [value.strip() for value in response.get("Vary", "").split(",") if value.strip()]
            ignored = {"cookie"} | ({"accept-language"} if len(settings.LANGUAGES) == 1 else set())
            kept = [value for value in vary if value.lower() not in ignored]
            if kept:
                response["Vary"] = ", ".join(kept)
            elif "Vary" in response:
                del response["Vary"]
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        return response
