"""Admin wiring for the funding applications (cases, meetings, minutes, the case room), and their part
in shared screens and duties (the funding page, the site's pages, personal data)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet

from applications import admin_views, demo, retention, sections, site_pages
from applications.models import Application
from applications.preparation_views import VIEW_CASE, CaseRoomView, room_url
from applications.viewsets import ApplicationsViewSetGroup

register_snippet(ApplicationsViewSetGroup)

hooks.register("funding_page_sections", sections.funding_page_section)
hooks.register("register_demo_content", demo.load)
hooks.register("personal_data_export", retention.export_applicant)
hooks.register("personal_data_erasure", retention.erase_applicant)
hooks.register("register_site_pages", site_pages.ensure_minutes_page)


@hooks.register("register_admin_urls")
def case_room_urls():
    return [
        path("ansokningar/beredning/<int:pk>/", CaseRoomView.as_view(), name="applications_case_room"),
        path("ansokningar/bilagor/<int:pk>/", admin_views.attachment_download, name="applications_attachment_download"),
        path(
            "ansokningar/personuppgifter/<int:pk>/",
            admin_views.PersonalDataView.as_view(),
            name="applications_personal_data",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def case_room_button(snippet, user, next_url=None):
    if not isinstance(snippet, Application):
        return
    if user.has_perm(VIEW_CASE):
        yield ListingButton(_("Beredning och beslut"), room_url(snippet), icon_name="form", priority=5)
    if user.has_perm(admin_views.HANDLE_PERSONAL_DATA):
        yield ListingButton(_("Personuppgifter"), admin_views.personal_data_url(snippet), icon_name="user", priority=50)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "applications.decision", _("Styrelsens beslut registrerat"), _("Styrelsens beslut registrerat")
    )
    actions.register_action(
        "applications.export", _("Sökandens personuppgifter exporterade"), _("Sökandens personuppgifter exporterade")
    )
    actions.register_action(
        "applications.erase", _("Sökandens personuppgifter raderade"), _("Sökandens personuppgifter raderade")
    )
