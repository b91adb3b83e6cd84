"""Template context every public page needs: the main menu, the logo and the principals in the footer."""

from django.core.cache import cache
from wagtail.models import Site

from home.branding import LOGO, PRINCIPAL_LOGO, SHARE_IMAGE, rendition_info

CHROME_KEY = "home:site-chrome:{site_id}"
CHROME_TIMEOUT = 600


def site_chrome(site):
    """Menu items and principals of ``site``, from the cache; home.signals clears it when either changes."""
    key = CHROME_KEY.format(site_id=site.pk)
    chrome = cache.get(key)
    if chrome is None:
        from home.models import OrganisationSettings

        menu = site.root_page.get_children().live().public().in_menu().only("title", "url_path")
        organisation = OrganisationSettings.for_site(site)
        chrome = {
            "menu": [{"title": page.title, "url": page.get_url()} for page in menu],
            "logo": rendition_info(organisation.logo, LOGO),
            "share_image": rendition_info(organisation.share_image, SHARE_IMAGE),
            "principals": [
                {
                    "name": principal.name,
                    "url": principal.url,
                    "logo": rendition_info(principal.logo, PRINCIPAL_LOGO),
                }
                for principal in organisation.principals.select_related("logo")
            ],
        }
        cache.set(key, chrome, CHROME_TIMEOUT)
    return chrome


def clear_site_chrome():
    cache.delete_many([CHROME_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)])


def site_menu(request):
    """``site_menu`` and ``site_principals``, fetched once per request and only if a template uses them."""

    def load():
        site = Site.find_for_request(request)
        return site_chrome(site) if site else {"menu": [], "principals": [], "logo": None, "share_image": None}

    chrome = _Lazy(load)
    return {
        "site_menu": _Items(chrome, "menu"),
        "site_principals": _Items(chrome, "principals"),
        "site_logo": _Value(chrome, "logo"),
        "site_share_image": _Value(chrome, "share_image"),
    }


class _Lazy:
    def __init__(self, func):
        self._func = func
        self._value = None

    def get(self):
        if self._value is None:
            self._value = self._func()
        return self._value


class _Items:
    """Evaluate the chrome only if a template iterates over it."""

    def __init__(self, chrome, name):
        self._chrome = chrome
        self._name = name

    def __iter__(self):
        return iter(self._chrome.get()[self._name])

    def __bool__(self):
        return bool(self._chrome.get()[self._name])


class _Value:
    """Evaluate the chrome only if a template reads the value (``url``, ``width``, ``height``)."""

    def __init__(self, chrome, name):
        self._chrome = chrome
        self._name = name

    def __bool__(self):
        return self._chrome.get()[self._name] is not None

    def __getattr__(self, attr):
        value = self._chrome.get()[self._name]
        if value is None or attr not in value:
            raise AttributeError(attr)
        return value[attr]
