"""Admin viewsets for the "Ansökningar" menu: cases, meetings and the board's minutes.

Permissions come from applications/0001: Samordnare records meetings and moves cases along;
Styrelse and Beredningsgrupp only read (the inspect view). Each listing holds the association the
admin works in (``request.association``), and what is added there belongs to it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from applications.forms import ApplicationForm
from applications.models import Application, Meeting, Minutes
from applications.permissions import working_association_id


class AssociationCreateView(CreateView):
    """What the coordinator adds belongs to the association the admin works in."""

    def save_instance(self):
        self.form.instance.association_id = working_association_id(self.request)
        return super().save_instance()


class AssociationViewSet(SnippetViewSet):
    """A listing of the association the admin works in; ``association_path`` leads there from the model."""

    association_path = "association"
    add_view_class = AssociationCreateView

    def get_queryset(self, request):
        if not request.association:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(**{f"{self.association_path}_id": request.association.pk})


class ApplicationViewSet(AssociationViewSet):
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


class MeetingViewSet(AssociationViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Möten")
    url_prefix = "ansokningar/moten"
    list_display = ["date", "kind", "place"]
    list_filter = ["kind"]
    ordering = ["-date"]
    panels = [FieldPanel("kind"), FieldPanel("date"), FieldPanel("place")]


class MinutesViewSet(AssociationViewSet):
    """The board's minutes: written by the coordinator, published on the site once justerat."""

    model = Minutes
    association_path = "meeting__association"
    add_view_class = CreateView
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
