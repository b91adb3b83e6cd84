"""Whether visitors may see an object that public content points at.

A live page may link a project that is not published (yet), show an image from a
collection restricted to logged-in editors, or list such a document. The public pages
(the ``public`` template filter in home.templatetags.visibility) and the API (every
related object, site_lycksele.api) show such an object only when it is public itself.

A page asks this of every card, block and related object it shows, so the view
restrictions are read at most once per request (:class:`ViewRestrictionsMiddleware`
keeps them for the request it serves); outside a request (emails, tasks, commands)
every question reads them afresh. The listings narrow their pages by the same reading
(:func:`public_pages`, instead of Wagtail's ``public()``, which reads every restriction
each time it is called), and so does the check Wagtail makes before serving a page
(:func:`may_be_restricted`).
"""

from contextvars import ContextVar
from typing import NamedTuple

from django.db.models import Q
from wagtail.documents.models import AbstractDocument
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import AbstractImage
from wagtail.models import DraftStateMixin, Page, PageViewRestriction

from home.documents import restricted_collections
from home.publishing import is_live_now

_request_restrictions = ContextVar("view_restrictions", default=None)


def _once_per_request(name, read):
    """What ``read()`` returns, kept under ``name`` for the request being served."""
    kept = _request_restrictions.get()
    if kept is None:
        return read()
    if name not in kept:
        kept[name] = read()
    return kept[name]


class PageRestrictions(NamedTuple):
    """The paths of the pages with view restrictions (each restricts its subtree), and whether
    any of those pages has an alias (Wagtail serves an alias under its source's restrictions)."""

    paths: tuple
    aliased: bool


def _page_restrictions():
    rows = list(PageViewRestriction.objects.values_list("page__path", "page__aliases__id"))
    return PageRestrictions(
        paths=tuple({path for path, _alias in rows}), aliased=any(alias is not None for _path, alias in rows)
    )


def page_restrictions():
    """The view restrictions of pages, read once per request."""
    return _once_per_request("pages", _page_restrictions)


def _under_restriction(page, paths):
    return any(page.path.startswith(path) for path in paths)


def _restricted_collection_pks():
    return frozenset(restricted_collections().values_list("pk", flat=True))


class ViewRestrictionsMiddleware:
    """Keep the view restrictions that ``is_public`` reads for the request being served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_restrictions.set({})
        try:
            return self.get_response(request)
        finally:
            _request_restrictions.reset(token)


def forget_restrictions(**kwargs):
    """Make the rest of the request being served read the view restrictions afresh (a signal
    receiver for restrictions saved or deleted)."""
    kept = _request_restrictions.get()
    if kept is not None:
        kept.clear()


def is_public(obj):
    """True for a page live now (home.publishing) without view restrictions (its own or an ancestor's),
    an image or document outside restricted collections, a snippet live now, and anything else not None."""
    if obj is None:
        return False
    if isinstance(obj, Page):
        return is_live_now(obj) and not _under_restriction(obj, page_restrictions().paths)
    if isinstance(obj, AbstractImage | AbstractDocument):
        return obj.collection_id not in _once_per_request("collections", _restricted_collection_pks)
    if isinstance(obj, DraftStateMixin):
        return is_live_now(obj)
    return True


def public_pages(pages):
    """``pages`` without those under a view restriction: Wagtail's ``public()``."""
    condition = Q()
    for path in page_restrictions().paths:
        condition |= Q(path__startswith=path)
    return pages.exclude(condition) if condition else pages


def may_be_restricted(page):
    """False when the view restrictions Wagtail checks before serving ``page`` (``Page.get_view_restrictions``,
    its own and its ancestors', an alias's source's in place of the alias's) are certainly none: no
    restricted page is ``page`` or above it, and no restricted page has an alias."""
    restrictions = page_restrictions()
    return restrictions.aliased or _under_restriction(page, restrictions.paths)


def public_or_none(obj):
    return obj if is_public(obj) else None


class PublicImageRenditionField(ImageRenditionField):
    """An image's rendition in the API, or null when visitors may not see the image."""

    def get_attribute(self, instance):
        return public_or_none(super().get_attribute(instance))
