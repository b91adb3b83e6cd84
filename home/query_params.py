"""The public query parameters of the listings, in Swedish (``sida``, ``ar``, ``tagg``, …).

The listings (home.models.ListingPage) and the press room paginate by ``sida`` the
same way, and a page that renamed its parameters sends the old names on with a 301.
"""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect, QueryDict
from django.utils.translation import gettext_lazy as _

PAGE_PARAMETER = "sida"


def paginate(request, items, per_page):
    """The page of ``items`` that ``request`` asks for in ``sida``, ``per_page`` to a page.

    A page past the end or a malformed page number is a 404.
    """
    raw = request.GET.get(PAGE_PARAMETER, "1")
    if not raw.isdigit() or len(raw) > 6:
        raise Http404(_("Sidan finns inte."))
    try:
        return Paginator(items, max(per_page, 1)).page(int(raw))
    except EmptyPage as error:
        raise Http404(_("Sidan finns inte.")) from error


def redirect_renamed_parameters(request, renamed):
    """A 301 to the same path with each old parameter name in ``renamed`` (old -> new) replaced, or None.

    The other parameters, their order and every value are kept; where the new name is
    given as well, it wins and the old one is dropped.
    """
    if not renamed.keys() & request.GET.keys():
        return None
    query = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name in renamed and renamed[name] in request.GET:
            continue
        query.setlist(renamed.get(name, name), values)
    return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}" if query else request.path)
