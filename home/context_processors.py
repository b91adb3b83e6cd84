"""Template context every public page needs: the main menu, the logo and the principals in the footer."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from home import content_cache
from home.branding import LOGO, PRINCIPAL_LOGO, SHARE_IMAGE, rendition_info
from home.models import OrganisationSettings
from home.visibility import public_pages

NO_CHROME = {"menu": [], "principals": [], "logo": None, "share_image": None}


def site_chrome(site):
    """Menu items, logos and principals of ``site``, kept per content version (home.content_cache).

    Every change they show replaces the version: publishing, unpublishing, moving and deleting
    pages (site_lycksele.cache), saving the organisation settings and their principals (home.signals).
    """
    return content_cache.kept("home:site-chrome", lambda: _load_chrome(site), site.pk)


def _load_chrome(site):
    menu = public_pages(site.root_page.get_children().live().in_menu()).only("title", "url_path")
    organisation = OrganisationSettings.for_site(site)
    return {
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


def site_menu(request):
    """``site_menu``, ``site_principals``, ``site_logo`` and ``site_share_image``, fetched once per
    request and only if a template uses one of them."""

    def load():
        site = Site.find_for_request(request)
        return site_chrome(site) if site else NO_CHROME

    chrome = SimpleLazyObject(load)
    return {f"site_{name}": SimpleLazyObject(lambda name=name: chrome[name]) for name in NO_CHROME}
