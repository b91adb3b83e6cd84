"""Admin wiring of the press app: the release and event viewsets, home-page section, demo content, log
actions, the dashboard's "Väntar på mig" panel, the press release of a board decision, and the event
registrations in a person's data export and erasure."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.associations import AssociationScopedViewSet
from home.decisions import CREATE_DECISION_RELEASE
from home.views import SnippetResendView
from press import decisions, demo, sections, site_pages
from press.action_menu import restrict_review_menu
from press.dashboard import WaitingForMePanel
from press.models import EventRegistration, PressEvent, PressImage, PressRelease
from press.views import (
    DistributionColumn,
    EmbargoView,
    PressReleaseEditView,
    PressReleaseHistoryView,
    PressReleasePreviewOnEditView,
    PressReleaseWorkflowActionView,
    WorkflowStateColumn,
)


class PressReleaseFilterSet(WagtailFilterSet):
    class Meta:
        model = PressRelease
        fields = ["live", "distribution", "go_live_at"]


class AnnouncedSnippetViewSet(SnippetViewSet):
    """A viewset of an announced snippet, with the explicit "Skicka igen" of its first mailing."""

    @property
    def resend_view(self):
        return self.construct_view(
            SnippetResendView, permission_policy=self.permission_policy, edit_url_name=self.get_url_name("edit")
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("skicka-igen/<str:pk>/", self.resend_view, name="resend")]


class PressReleaseViewSet(AssociationScopedViewSet, AnnouncedSnippetViewSet):
    model = PressRelease
    icon = "doc-full-inverse"
    menu_label = _("Pressmeddelanden")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "pressmeddelanden"
    list_display = [
        "title",
        LiveStatusTagColumn(),
        WorkflowStateColumn(),
        DateColumn("go_live_at", label=_("Embargo till")),
        DistributionColumn(),
        DateColumn("first_published_at", label=_("Först publicerat")),
    ]
    filterset_class = PressReleaseFilterSet
    ordering = ["-first_published_at", "-pk"]
    preview_on_edit_view_class = PressReleasePreviewOnEditView
    history_view_class = PressReleaseHistoryView
    edit_view_class = PressReleaseEditView
    workflow_action_view_class = PressReleaseWorkflowActionView

    @property
    def embargo_view(self):
        return self.construct_view(
            EmbargoView, permission_policy=self.permission_policy, edit_url_name=self.get_url_name("edit")
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("embargo/<str:pk>/", self.embargo_view, name="embargo")]


register_snippet(PressReleaseViewSet)


class PressImageViewSet(AssociationScopedViewSet, SnippetViewSet):
    model = PressImage
    icon = "image"
    menu_label = _("Pressbilder")
    menu_order = 252
    add_to_admin_menu = True
    url_prefix = "pressbilder"
    list_display = ["title", "photographer", "credit", "licence", DateColumn("created_at", label=_("Tillagd"))]
    search_fields = ["title", "photographer", "credit"]
    search_backend_name = None


register_snippet(PressImageViewSet)


class PressEventViewSet(AssociationScopedViewSet, AnnouncedSnippetViewSet):
    model = PressEvent
    icon = "date"
    menu_label = _("Evenemang")
    menu_order = 251
    add_to_admin_menu = True
    url_prefix = "evenemang"
    list_display = [
        "title",
        LiveStatusTagColumn(),
        Column("kind", label=_("Typ"), accessor="get_kind_display"),
        DateColumn("starts_at", label=_("Börjar")),
        "place",
    ]
    ordering = ["-starts_at", "-pk"]


register_snippet(PressEventViewSet)


@hooks.register("personal_data_export")
def event_registrations_of(email):
    registrations = EventRegistration.objects.filter(email__iexact=email).select_related("event")
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "name": registration.name,
                "organisation": registration.organisation,
                "registered_at": registration.created_at.isoformat(),
            }
            for registration in registrations
        ]
    }


@hooks.register("personal_data_erasure")
def erase_event_registrations(email):
    EventRegistration.objects.filter(email__iexact=email).delete()


@hooks.register("home_page_sections")
def latest_press_releases(request, home_page):
    return sections.latest_releases_section(request, home_page)


hooks.register("register_site_pages", site_pages.ensure_press_room)
hooks.register(CREATE_DECISION_RELEASE, decisions.decision_release)


@hooks.register("register_demo_content")
def press_demo_content(context):
    demo.load(context)


hooks.register("register_demo_association_content", demo.load_fictional)


@hooks.register("construct_snippet_action_menu")
def review_action_menu(menu_items, request, context):
    if isinstance(context.get("instance"), PressRelease):
        restrict_review_menu(menu_items, request, context)


@hooks.register("register_log_actions")
def register_press_log_actions(actions):
    actions.register_action("press.board_approval", _("Godkänt av styrelseledamot"), _("Godkänt av styrelseledamot"))
    actions.register_action(
        "press.board_override",
        _("Styrelsens granskning förbigicks av administratör"),
        _("Styrelsens granskning förbigicks av administratör"),
    )
    actions.register_action("press.embargo_moved", _("Embargot flyttat"), _("Embargot flyttat"))
    actions.register_action("press.embargo_lifted", _("Embargot hävt"), _("Embargot hävt"))


@hooks.register("construct_homepage_panels")
def add_waiting_for_me_panel(request, panels):
    if WaitingForMePanel.is_for(request):
        panels.append(WaitingForMePanel(request))
