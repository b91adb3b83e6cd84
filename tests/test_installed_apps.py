"""Our apps' URLs, API endpoints and settings are found one way (home.installed), from INSTALLED_APPS."""

from django.urls import resolve

from home.installed import app_modules, our_apps
from site_lycksele.api import api_router


def test_our_apps_are_the_projects_own_and_no_third_party_app():
    names = [config.name for config in our_apps()]
    assert {"home", "network", "activities", "press", "search", "site_lycksele"} <= set(names)
    assert not [name for name in names if name.startswith(("wagtail", "django", "taggit", "axes"))]


def test_apps_with_a_urls_module_serve_their_urls():
    assert {module.__name__ for module in app_modules("urls")} >= {
        "home.urls",
        "network.urls",
        "activities.urls",
        "search.urls",
        "site_lycksele.urls",
    }
    assert resolve("/sok/").url_name == "search"
    assert resolve("/natverket/").namespace == "network"
    assert resolve("/robots.txt").url_name == "robots"


def test_apps_with_an_endpoints_module_register_their_api_endpoints():
    assert {module.__name__ for module in app_modules("endpoints")} >= {"activities.endpoints", "press.endpoints"}
    assert {"pages", "images", "documents", "press-releases", "activities"} <= set(api_router._endpoints)
