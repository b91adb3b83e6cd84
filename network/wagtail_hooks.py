"""Admin wiring for the network: the "Nätverket" menu group, its views, audit-log actions and demo content."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from network import admin_views, demo
from network.api import ensure_lists
from network.panels import NetworkGrowthPanel, RecentMailingsPanel
from network.viewsets import NetworkViewSetGroup

LOG_ACTIONS = {
    "network.send": _("Utskick skickat"),
    "network.resend": _("Misslyckade leveranser skickas igen"),
    "network.import": _("Prenumeranter importerade"),
    "network.export": _("Prenumeranter exporterade"),
    "network.erase": _("Personuppgifter raderade"),
}


@hooks.register("register_log_actions")
def register_network_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_viewset")
def register_network_viewsets():
    return NetworkViewSetGroup()


@hooks.register("register_admin_urls")
def register_network_admin_urls():
    return [
        path("natverket/ansokningar/", admin_views.media_applications, name="network_media_applications"),
    ]


class MediaApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("network.change_subscription")


@hooks.register("register_admin_menu_item")
def register_media_applications_menu_item():
    return MediaApplicationsMenuItem(
        _("Ansökningar till medielistan"), reverse("network_media_applications"), icon_name="user", order=260
    )


@hooks.register("construct_homepage_panels")
def add_network_panels(request, panels):
    if request.user.has_perm("network.view_mailing"):
        panels.append(RecentMailingsPanel(request))
    if request.user.has_perm("network.view_subscriber"):
        panels.append(NetworkGrowthPanel(request))


hooks.register("register_demo_content", demo.load)


@hooks.register("register_association_setup")
def association_lists(context):
    """A new association gets the five lists every association has (create_association)."""
    for slug in ensure_lists(context.site):
        context.note(f"sändlistan {slug}")
