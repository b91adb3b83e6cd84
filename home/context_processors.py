"""Template context every public page needs: the main menu."""

from wagtail.models import Site


def site_menu(request):
    """The home page's live children marked "show in menus", fetched lazily in one query."""

    def items():
        site = Site.find_for_request(request)
        if site is None:
            return []
        return list(site.root_page.get_children().live().public().in_menu().only("title", "url_path"))

    return {"site_menu": _Lazy(items)}


class _Lazy:
    """Evaluate the menu only if a template iterates over it."""

    def __init__(self, func):
        self._func = func
        self._value = None

    def __iter__(self):
        if self._value is None:
            self._value = [{"title": page.title, "url": page.url} for page in self._func()]
        return iter(self._value)
