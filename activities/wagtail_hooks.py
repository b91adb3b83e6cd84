"""Admin wiring for the activity plan: the snippet, the monthly report, audit-log actions, hooks."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from activities import demo, sections, site_pages
from activities.admin_views import MonthlyReportView
from activities.models import Activity
from activities.panels import CurrentActivitiesPanel
from activities.signals import STATUS_FOLLOWS_ACTION
from home.associations import AssociationScopedViewSet


class ActivityViewSet(AssociationScopedViewSet, SnippetViewSet):
    model = Activity
    icon = "date"
    menu_label = _("Aktivitetsplan")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "aktiviteter"
    sort_order_field = "sort_order"
    list_display = [
        "title",
        Column("period_display", label=_("Datum")),
        "responsible",
        "channel",
        "status",
        "plan_year",
    ]
    list_filter = ["plan_year", "status", "recurrence"]
    list_export = ["period_display", "title", "responsible", "channel", "content", "status_display", "plan_year"]
    export_headings = {
        "period_display": "Datum",
        "title": "Aktivitet",
        "responsible": "Ansvar",
        "channel": "Kanal",
        "content": "Innehåll",
        "status_display": "Status",
        "plan_year": "År",
    }
    export_filename = "aktivitetsplan"


register_snippet(ActivityViewSet)


@hooks.register("construct_homepage_panels")
def add_current_activities_panel(request, panels):
    if request.user.has_perm("activities.view_activity") or request.user.has_perm("activities.change_activity"):
        panels.append(CurrentActivitiesPanel(request))


class MonthlyReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("activities.view_monthlyreport")


@hooks.register("register_admin_urls")
def register_monthly_report_url():
    return [path("aktivitetsplan/manadsrapport/", MonthlyReportView.as_view(), name="activities_monthly_report")]


@hooks.register("register_reports_menu_item")
def register_monthly_report_menu_item():
    return MonthlyReportMenuItem(
        _("Månadsrapport"), reverse("activities_monthly_report"), name="monthly-report", icon_name="table", order=900
    )


@hooks.register("register_log_actions")
def register_activity_log_actions(actions):
    actions.register_action(
        STATUS_FOLLOWS_ACTION, _("Status följde publicering"), _("Status ändrad till påbörjad efter en publicering")
    )


@hooks.register("register_permissions")
def register_monthly_report_permissions():
    return Permission.objects.filter(content_type__app_label="activities", codename="view_monthlyreport")


hooks.register("home_page_sections", sections.ongoing_activities_section)
hooks.register("register_site_pages", site_pages.ensure_plan_page)
hooks.register("register_demo_content", demo.load)
hooks.register("register_demo_association_content", demo.load_fictional)
