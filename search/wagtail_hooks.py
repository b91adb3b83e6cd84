"""Admin wiring of the search app: the popular-searches report for the coordinator."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import admin_urls
from search.admin_views import can_manage_promotions


class PopularSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_promotions(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("populara-sokningar/", include(admin_urls, namespace="search_admin"))]


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return PopularSearchesMenuItem(
        _("Populära sökningar"),
        reverse("search_admin:popular"),
        name="popular-searches",
        icon_name="search",
        order=1310,
    )
