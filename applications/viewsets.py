"""Admin viewsets for the "Ansökningar" menu: cases, meetings and the board's minutes.

Permissions come from applications/0001: Samordnare records meetings and moves cases along;
Styrelse and Beredningsgrupp only read (the inspect view). Every view sees only the association the
admin works in (``request.association``; home.associations.AssociationScopedViewSet: listings, edit
and inspect, choosers and the meeting choices), and what is added there belongs to it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from applications.forms import ApplicationForm
from applications.models import Application, Meeting, Minutes
from home.associations import AssociationScopedViewSet


class ApplicationViewSet(AssociationScopedViewSet, SnippetViewSet):
    model = Application
    icon = "form"
    menu_label = _("Ärenden")
    url_prefix = "ansokningar/arenden"
    inspect_view_enabled = True
    list_display = ["number", "title", "applicant_organisation", "status", "preparation_meeting", "created_at"]
    list_filter = ["status", "year"]
    search_fields = ["number", "title", "applicant_name", "applicant_organisation"]
    panels = [FieldPanel("status"), FieldPanel("preparation_meeting")]
    inspect_view_fields = [
        "number",
        "status",
        "created_at",
        "preparation_meeting",
        *ApplicationForm.Meta.fields,
        "attachments",
    ]


class MeetingViewSet(AssociationScopedViewSet, SnippetViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Möten")
    url_prefix = "ansokningar/moten"
    list_display = ["date", "kind", "place"]
    list_filter = ["kind"]
    ordering = ["-date"]
    panels = [FieldPanel("kind"), FieldPanel("date"), FieldPanel("place")]


class MinutesViewSet(AssociationScopedViewSet, SnippetViewSet):
    """The board's minutes: written by the coordinator, published on the site once justerat."""

    model = Minutes
    association_path = "meeting__association"
    icon = "doc-full"
    menu_label = _("Protokoll")
    url_prefix = "ansokningar/protokoll"
    list_display = ["meeting", "approved_on", "published"]
    list_filter = ["published"]
    ordering = ["-meeting__date"]
    panels = [
        FieldPanel("meeting"),
        FieldPanel("body"),
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("approved_on"), FieldPanel("published")]),
    ]


class ApplicationsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Ansökningar")
    menu_icon = "form"
    menu_order = 260
    items = (ApplicationViewSet, MeetingViewSet, MinutesViewSet)
