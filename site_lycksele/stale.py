"""What a change makes stale on the public site: one answer for the page cache and the edge cache.

Every change visitors can see goes through one of the receivers below, which ask
:func:`after_publication`, :func:`after_save`, :func:`after_delete` or :func:`after_move` what
it made stale and hand the answer (a :class:`Stale`) to both caches: first Django's page
and fragment cache (site_lycksele.cache, which replaces the content version when anything
is stale), then the edge (site_lycksele.edge, which purges exactly those addresses once the
transaction commits).

A page makes stale its own address (with the static routes of a routable page, such as its
feeds, and a page's ``get_cached_paths``, such as the activity plan's exports), its ancestors
(the listings and the home page), the pages it names in a foreign key (a news item's
project) and the host's sitemap. A snippet with a public address (a press release, an
activity) makes stale that address and the page that shows it, the same way. A page in the
menu, what every page shows (the site settings in the footer, documents in the search,
redirects, view restrictions of collections), a snippet saved without a publish step and a
move make the whole host stale. Anything else (a mailing, a delivery) makes nothing stale.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models.signals import post_delete, post_save
from wagtail import signals as wagtail_signals
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, DraftStateMixin, Page, PageViewRestriction, Site
from wagtail.snippets.models import get_snippet_models

from site_lycksele import cache, edge


@dataclass(frozen=True)
class Stale:
    """Absolute addresses (``urls``) and hosts whose every page is stale (``hosts``, root URLs)."""

    urls: frozenset = frozenset()
    hosts: frozenset = frozenset()

    def __bool__(self):
        return bool(self.urls or self.hosts)

    def __or__(self, other):
        return Stale(self.urls | other.urls, self.hosts | other.hosts)


NOTHING = Stale()


def everywhere():
    return Stale(hosts=frozenset(site.root_url for site in Site.objects.all()))


def _site_of(page):
    return page.get_site()


def page_stale(page):
    """What a change of ``page`` makes stale: its own address and routes, its ancestors', the sitemap."""
    site = _site_of(page)
    if site is None:
        return NOTHING  # outside every site: no visitor sees it
    if page.depth == site.root_page.depth + 1 and page.show_in_menus:
        return Stale(hosts=frozenset([site.root_url]))  # the menu on every page names it
    urls = {site.root_url + "/sitemap.xml"}
    page = page.specific
    for stale in [*page.get_ancestors().filter(depth__gt=1).specific(), page, *linked_pages(page)]:
        url = stale.get_full_url()
        if url:
            urls.update(url + path.lstrip("/") for path in stale.get_cached_paths())
            urls.update(url + path for path in static_subpaths(stale))
    return Stale(urls=frozenset(urls))


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


def object_stale(instance):
    """For a snippet with an address (``get_url``): that address and the page that shows it; else every host."""
    url = instance.get_url() if hasattr(instance, "get_url") else None
    page = host_page(url) if url else None
    site = _site_of(page) if page is not None else None
    if site is None:
        return everywhere()
    stale = Stale(urls=frozenset([site.root_url + urlsplit(url).path])) | page_stale(page)
    for linked in linked_pages(instance):
        stale |= page_stale(linked)
    return stale


def after_publication(instance):
    """A page or snippet published or unpublished."""
    return page_stale(instance) if isinstance(instance, Page) else object_stale(instance)


def after_move():
    """A page moved or renamed: every address below it changed, and the menu may name it."""
    return everywhere()


def _shown_without_publishing(model):
    """Models whose plain save changes what visitors see (they have no publish step)."""
    if issubclass(model, (BaseSiteSetting, BaseGenericSetting, Site, Redirect, BaseViewRestriction)):
        return True  # view restrictions decide what is public at all
    if model is get_document_model():
        return True  # documents have no publish step: listed and searched as soon as saved
    return model in get_snippet_models() and not issubclass(model, DraftStateMixin)


def after_save(model, instance):
    """A plain save (no publish step): a view restriction hides its pages, settings and snippets show at once."""
    if isinstance(instance, PageViewRestriction):
        # What the restriction hides: the page, everything below it and the listings above it.
        stale = NOTHING
        for page in [instance.page, *instance.page.get_descendants()]:
            stale |= page_stale(page)
        return stale
    return everywhere() if _shown_without_publishing(model) else NOTHING


def after_delete(model, instance):
    if issubclass(model, Page):
        # Deleting a page of a type of ours also deletes its wagtailcore.Page row: that one signal will do.
        return NOTHING if model is Page and instance.specific_class not in (Page, None) else page_stale(instance)
    if model in get_snippet_models() and issubclass(model, DraftStateMixin):
        return object_stale(instance)
    return after_save(model, instance)


def invalidate(stale):
    """Hand ``stale`` to Django's page cache, then to the edge (its purge follows the version's replacement)."""
    if stale:
        cache.invalidate(stale)
        edge.invalidate(stale)


def _on_page_publication(sender, instance, **kwargs):
    invalidate(after_publication(instance))


def _on_publication(sender, instance, **kwargs):
    if not isinstance(instance, Page):  # a page's publication sends page_published too
        invalidate(after_publication(instance))


def _on_move(sender, instance, **kwargs):
    invalidate(after_move())


def _on_save(sender, instance, **kwargs):
    invalidate(after_save(sender, instance))


def _on_delete(sender, instance, **kwargs):
    invalidate(after_delete(sender, instance))


def connect_signals():
    """Connect every change visitors can see to both caches (idempotent)."""
    for signal in (wagtail_signals.page_published, wagtail_signals.page_unpublished):
        signal.connect(_on_page_publication, dispatch_uid="site_lycksele.stale.page_publication")
    for signal in (wagtail_signals.published, wagtail_signals.unpublished):
        signal.connect(_on_publication, dispatch_uid="site_lycksele.stale.publication")
    wagtail_signals.post_page_move.connect(_on_move, dispatch_uid="site_lycksele.stale.move")
    wagtail_signals.page_slug_changed.connect(_on_move, dispatch_uid="site_lycksele.stale.slug")
    post_save.connect(_on_save, dispatch_uid="site_lycksele.stale.save")
    post_delete.connect(_on_delete, dispatch_uid="site_lycksele.stale.delete")
