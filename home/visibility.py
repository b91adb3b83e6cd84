"""Whether visitors may see an object that public content points at.

A live page may link a project that is not published (yet), show an image from a
collection restricted to logged-in editors, or list such a document. The public pages
(the ``public`` template filter in home.templatetags.visibility) and the API (every
related object, site_lycksele.api) show such an object only when it is public itself.

A page asks this of every card, block and related object it shows, so the view
restrictions are read at most once per request (:class:`ViewRestrictionsMiddleware`
keeps them for the request it serves); outside a request (emails, tasks, commands)
every question reads them afresh.
"""

from contextvars import ContextVar

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


def _restricted_page_paths():
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


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


def is_public(obj):
    """True for a page live now (home.publishing) without view restrictions (its own or an ancestor's),
    an image or document outside restricted collections, a snippet live now, and anything else not None."""
    if obj is None:
        return False
    if isinstance(obj, Page):
        paths = _once_per_request("pages", _restricted_page_paths)
        return is_live_now(obj) and not any(obj.path.startswith(path) for path in paths)
    if isinstance(obj, AbstractImage | AbstractDocument):
        return obj.collection_id not in _once_per_request("collections", _restricted_collection_pks)
    if isinstance(obj, DraftStateMixin):
        return is_live_now(obj)
    return True


def public_or_none(obj):
    return obj if is_public(obj) else None


class PublicImageRenditionField(ImageRenditionField):
    """An image's rendition in the API, or null when visitors may not see the image."""

    def get_attribute(self, instance):
        return public_or_none(super().get_attribute(instance))
