"""The edge cache (Varnish, deploy/varnish/) in front of the web processes: what it may keep, and its purge.

``EdgeCacheControlMiddleware`` marks public, anonymous responses as shareable
(``Cache-Control: public, max-age=EDGE_BROWSER_MAX_AGE, s-maxage=EDGE_CACHE_TTL``) and every
other response as ``private``; the VCL stores only what carries ``s-maxage``.

A publication purges, once its transaction has committed, exactly what it made stale:
the page (with the static routes of a routable page, such as its feeds, and a page's
``get_cached_paths``, such as the activity plan's exports), its ancestors (the listings
and the home page), the pages it names in a foreign key (a news item's project), and the
host's sitemap. A snippet with a public address (a press
release, an activity) purges the page that shows it the same way. Whatever every page
shows (the menu, the site settings in the footer) and a move purge the whole host;
a deploy purges everything (``manage.py purge_page_cache``). The purges go through
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
from django.db.models.signals import post_delete, post_save
from django.utils.cache import patch_cache_control
from wagtail import signals as wagtail_signals
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, DraftStateMixin, Page, PageViewRestriction, Site
from wagtail.snippets.models import get_snippet_models

logger = logging.getLogger(__name__)
EVERYTHING = "*"  # in a pending batch: ban the whole edge


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


# What the open transaction's publications made stale, sent once it commits.
_pending = threading.local()


def _flush():
    batch, _pending.batch = _pending.batch, None
    bans = {url for url in batch if url.endswith(EVERYTHING)}
    for url in bans:
        for backend in edge_backends():
            backend.ban_host(urlsplit(url).netloc)
    banned_hosts = {urlsplit(url).netloc for url in bans}
    purge_urls_from_cache(sorted(url for url in batch if urlsplit(url).netloc not in banned_hosts))


def queue(urls):
    """Purge ``urls`` once the current transaction commits (at once outside one).

    The content version's own after-commit replacement (site_lycksele.cache) is registered
    by receivers connected before ours, so it runs first: the edge never refetches a page
    that Django's page cache rendered before the commit.
    """
    batch = getattr(_pending, "batch", None)
    if batch is None:
        _pending.batch = set(urls)
        transaction.on_commit(_flush)
    else:
        batch.update(urls)


def site_root_url(page):
    site = page.get_site()
    return site.root_url if site else None


def page_urls(page):
    """The addresses a change of ``page`` makes stale: its own, its ancestors' and the sitemap."""
    root_url = site_root_url(page)
    if root_url is None:
        return set()
    if page.depth == (page.get_site().root_page.depth + 1) and page.show_in_menus:
        return {root_url + "/" + EVERYTHING}  # the menu on every page names it
    urls = {root_url + "/sitemap.xml"}
    page = page.specific
    for stale in [*page.get_ancestors().filter(depth__gt=1).specific(), page, *linked_pages(page)]:
        url = stale.get_full_url()
        if url:
            urls.update(url + path.lstrip("/") for path in stale.get_cached_paths())
            urls.update(url + path for path in static_subpaths(stale))
    return urls


def linked_pages(instance):
    """The pages ``instance`` names in a foreign key of its own (a news item's project shows the news)."""
    fields = [
        field
        for field in instance._meta.concrete_fields
        if field.many_to_one and field.model is not Page and issubclass(field.related_model, Page)
    ]
    ids = [getattr(instance, field.attname) for field in fields]
    return list(Page.objects.live().filter(pk__in=[pk for pk in ids if pk]).specific()) if any(ids) else []


def static_subpaths(page):
    """A routable page's routes that take no argument (its feeds)."""
    if not isinstance(page, RoutablePageMixin):
        return []
    return [
        page.reverse_subpage(pattern.name).lstrip("/")
        for pattern in page.get_subpage_urls()
        if pattern.name and not pattern.pattern.converters and pattern.pattern._route
    ]


def host_page(url):
    """The deepest live page whose address starts the path of ``url`` (the page that shows a snippet)."""
    path = urlsplit(url).path
    candidates = [path[: index + 1] for index, char in enumerate(path) if char == "/"]
    site_roots = Site.objects.values_list("root_page__url_path", flat=True)
    url_paths = [root.rstrip("/") + candidate for root in site_roots for candidate in candidates]
    return Page.objects.live().filter(url_path__in=url_paths).order_by("-depth").first()


def object_urls(instance):
    """For a snippet with an address (``get_url``): that address and the page that shows it."""
    url = instance.get_url() if hasattr(instance, "get_url") else None
    page = host_page(url) if url else None
    if page is None:
        return {"/" + EVERYTHING}
    root_url = site_root_url(page) or ""
    linked = (page_urls(linked) for linked in linked_pages(instance))
    return {root_url + urlsplit(url).path, *page_urls(page)}.union(*linked)


def _everything_on(sites):
    return {site.root_url + "/" + EVERYTHING for site in sites}


def _on_page_change(sender, instance, **kwargs):
    if edge_backends():
        queue(page_urls(instance))


def _on_page_move(sender, instance, **kwargs):
    if edge_backends():
        queue(_everything_on(Site.objects.all()))


def _on_snippet_change(sender, instance, **kwargs):
    if edge_backends() and not isinstance(instance, Page):
        urls = object_urls(instance)
        queue(_everything_on(Site.objects.all()) if "/" + EVERYTHING in urls else urls)


def _shown_on_every_page(model):
    if issubclass(model, (BaseSiteSetting, BaseGenericSetting, Site, Redirect)) or model is get_document_model():
        return True
    return model in get_snippet_models() and not issubclass(model, DraftStateMixin)


def _on_save(sender, instance, **kwargs):
    if not edge_backends():
        return
    if isinstance(instance, PageViewRestriction):
        # What the restriction hides: the page, everything below it and the listings above it.
        pages = [instance.page, *instance.page.get_descendants()]
        queue(set().union(*(page_urls(page) for page in pages)))
    elif _shown_on_every_page(sender) or issubclass(sender, BaseViewRestriction):
        queue(_everything_on(Site.objects.all()))


def _on_delete(sender, instance, **kwargs):
    if issubclass(sender, Page):
        _on_page_change(sender, instance)
    elif sender in get_snippet_models() and issubclass(sender, DraftStateMixin):
        _on_snippet_change(sender, instance)
    else:
        _on_save(sender, instance)


def connect_signals():
    """Connect the purges (after site_lycksele.cache.connect_signals, see ``queue``)."""
    for signal in (wagtail_signals.page_published, wagtail_signals.page_unpublished):
        signal.connect(_on_page_change, dispatch_uid="site_lycksele.edge.page")
    wagtail_signals.post_page_move.connect(_on_page_move, dispatch_uid="site_lycksele.edge.move")
    wagtail_signals.page_slug_changed.connect(_on_page_move, dispatch_uid="site_lycksele.edge.slug")
    for signal in (wagtail_signals.published, wagtail_signals.unpublished):
        signal.connect(_on_snippet_change, dispatch_uid="site_lycksele.edge.snippet")
    post_save.connect(_on_save, dispatch_uid="site_lycksele.edge.save")
    post_delete.connect(_on_delete, dispatch_uid="site_lycksele.edge.delete")


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

    Above the page cache, so its hits are marked too. ``Vary: Cookie`` is dropped from shareable
    responses (they came out the same without a session; the edge passes every request with one).
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
            kept = [value for value in vary if value.lower() != "cookie"]
            if kept:
                response["Vary"] = ", ".join(kept)
            elif "Vary" in response:
                del response["Vary"]
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        return response
