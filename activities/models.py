"""The activity plan: activities (snippets), the public plan page and the monthly report."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin
from wagtail.search import index
from wagtail.snippets.models import get_snippet_models

from activities.choices import MARKED_STATUSES, RECURRING, Recurrence, Status, TargetGroup
from activities.forms import ActivityForm, PlanFilterForm, responsible_names
from activities.timeline import build_timeline
from home.associations import of_request
from home.content_cache import cached
from home.models import AssociationOwned, PublicUrlMixin, ServedPageMixin, SingletonPageMixin


def linkable_content_types():
    """Limit generic links to snippet models that are installed right now (press may be absent)."""
    models_ = get_snippet_models()
    return Q(pk__in=[ct.pk for ct in ContentType.objects.get_for_models(*models_).values()]) if models_ else Q(pk=None)


class Activity(
    AssociationOwned, PublicUrlMixin, DraftStateMixin, RevisionMixin, index.Indexed, Orderable, ClusterableModel
):
    """One row of the communication plan's activity table.

    Keeps both the label people write in the plan ("Löpande", "Maj-juli") and
    real dates, so the plan reads as written while exports and the timeline
    can place it in the year.
    """

    plan_year = models.PositiveSmallIntegerField(_("planens år"), db_index=True)
    title = models.CharField(_("aktivitet"), max_length=255)
    period_label = models.CharField(
        _("datum som det skrivs i planen"),
        max_length=100,
        blank=True,
        help_text=_("Till exempel ”Löpande”, ”Kvartalsvis” eller ”Maj-juli”. Visas i kolumnen Datum."),
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    recurrence = models.CharField(_("återkommer"), max_length=20, choices=Recurrence.choices, default=Recurrence.ONCE)
    responsible = models.CharField(_("ansvar"), max_length=255, blank=True, help_text=_("Till exempel Samordnare/LSG."))
    responsible_users = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("ansvariga användare"), blank=True, related_name="+"
    )
    channel = models.CharField(_("kanal"), max_length=255, blank=True)
    content = models.TextField(_("innehåll"), blank=True)
    target_groups = models.JSONField(_("målgrupper"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    status_changed_at = models.DateTimeField(_("status ändrad"), null=True, blank=True, editable=False)
    outcome = RichTextField(_("utfall"), blank=True, features=["bold", "italic", "ul", "link"])
    updated_at = models.DateTimeField(_("uppdaterad"), auto_now=True)

    base_form_class = ActivityForm
    panels = [
        FieldPanel("title"),
        FieldPanel("plan_year"),
        MultiFieldPanel(
            [
                FieldPanel("period_label"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("recurrence"),
            ],
            heading=_("Datum"),
        ),
        FieldPanel("responsible"),
        FieldPanel("responsible_users"),
        FieldPanel("channel"),
        FieldPanel("content"),
        FieldPanel("target_groups"),
        FieldPanel("status"),
        FieldPanel("outcome"),
        InlinePanel("links", label=_("Länkar till sidor och annat innehåll")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("content"),
        index.SearchField("responsible"),
        index.SearchField("channel"),
        index.SearchField("period_label"),
        index.FilterField("plan_year"),
        index.FilterField("status"),
        index.FilterField("association"),
        index.FilterField("live"),
    ]
    api_fields = [
        APIField("title"),
        APIField("plan_year"),
        APIField("period_label"),
        APIField("period_display"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("recurrence"),
        APIField("responsible"),
        APIField("channel"),
        APIField("content"),
        APIField("target_groups"),
        APIField("status"),
        APIField("status_display"),
        APIField("status_changed_at"),
        APIField("outcome"),
        APIField("public_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["plan_year", "sort_order", "pk"]
        permissions = [("publish_activity", "Can publish aktivitet")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if not self.period_label.strip() and not self.start_date:
            errors["period_label"] = _(
                "Ange datum som det skrivs i planen (till exempel ”Löpande”) eller ett startdatum."
            )
        if self.end_date and not self.start_date:
            errors["start_date"] = _("Ange ett startdatum när aktiviteten har ett slutdatum.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Slutdatum kan inte vara före startdatum.")
        if self.recurrence in RECURRING and not self.start_date:
            errors["start_date"] = _("En återkommande aktivitet behöver ett startdatum.")
        unknown = set(self.target_groups or []) - set(TargetGroup.values)
        if unknown:
            errors["target_groups"] = _("Okänd målgrupp: %(groups)s.") % {"groups": ", ".join(sorted(unknown))}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.status_changed_at is None or (
            self.pk and type(self).objects.filter(pk=self.pk).exclude(status=self.status).exists()
        ):
            self.status_changed_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "status_changed_at"}
        super().save(*args, **kwargs)

    @cached_property
    def plan_page(self):
        """The live, public plan page that shows this activity's row (a listing sets it on all its rows)."""
        return ActivityPlanPage.live_page(association=self.association)

    def get_url(self, request=None):
        """The activity's row on the plan page (``#aktivitet-<pk>``), or None without a plan page.

        With a request, the plan page is looked up once for the whole request (a search
        results page links many activities).
        """
        plan_page = ActivityPlanPage.live_page(request) if request is not None else self.plan_page
        page_url = plan_page.get_url(request=request) if plan_page else None
        return f"{page_url}#aktivitet-{self.pk}" if page_url else None

    @property
    def status_display(self):
        return self.get_status_display()

    @property
    def is_marked(self):
        """Grey in the plan: started or done."""
        return self.status in MARKED_STATUSES

    @property
    def period_display(self):
        """What the plan's Datum column shows: the editor's label, or the dates."""
        if self.period_label:
            return self.period_label
        if self.start_date and self.end_date and self.end_date != self.start_date:
            return f"{self.start_date.isoformat()}–{self.end_date.isoformat()}"
        return self.start_date.isoformat() if self.start_date else ""

    @property
    def span(self):
        """First and last day the activity covers within its plan year, or None without dates."""
        if not self.start_date:
            return None
        last = self.end_date
        if last is None:
            last = self.start_date if self.recurrence == Recurrence.ONCE else datetime.date(self.plan_year, 12, 31)
        return self.start_date, last


class ActivityLink(Orderable):
    """A link from an activity to what carries it out: a page, or any snippet (press release…).

    Snippets are linked by content type and id, so activities never import the
    app that owns them and keep working when that app is removed.
    """

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="links")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sida"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("innehållstyp"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=linkable_content_types,
    )
    object_id = models.CharField(
        _("id"), max_length=64, blank=True, help_text=_("Id för objektet, det syns i adressen när du redigerar det.")
    )

    panels = [
        PageChooserPanel("page"),
        FieldRowPanel([FieldPanel("content_type"), FieldPanel("object_id")], heading=_("eller annat innehåll")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("länk")
        verbose_name_plural = _("länkar")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def clean(self):
        super().clean()
        has_object = bool(self.content_type_id or self.object_id)
        if bool(self.page_id) == has_object:
            raise ValidationError(_("Välj antingen en sida eller ett annat innehåll med id."))
        if has_object:
            if not (self.content_type_id and self.object_id):
                raise ValidationError({"object_id": _("Ange både innehållstyp och id.")})
            if self.content_type.model_class() is None:  # its app has been removed
                raise ValidationError({"content_type": _("Den här innehållstypen finns inte längre på webbplatsen.")})
            try:
                self.content_type.get_object_for_this_type(pk=self.object_id)
            except (ObjectDoesNotExist, ValueError, ValidationError):
                raise ValidationError({"object_id": _("Det finns inget sådant innehåll med det id:t.")}) from None


class ActivityPlanPage(ServedPageMixin, SingletonPageMixin, Page):
    """/aktivitetsplan/: the plan as a table and a timeline, with CSV and iCalendar exports."""

    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1  # one per association (each has its own home page)

    class Meta:
        verbose_name = _("aktivitetsplan")

    @staticmethod
    def live_activities(request):
        """The live activities of the association whose host ``request`` names."""
        return Activity.objects.filter(live=True, association=of_request(request))

    def filter_form(self, request):
        options = list(
            self.live_activities(request).order_by().values_list("plan_year", "channel", "responsible").distinct()
        )
        return PlanFilterForm(
            request.GET,
            years=sorted({year for year, _channel, _responsible in options}),
            channels=sorted({channel for _year, channel, _responsible in options if channel}, key=str.casefold),
            responsibles=responsible_names({responsible for _year, _channel, responsible in options}),
        )

    def filtered_activities(self, form, request):
        activities = self.live_activities(request)
        filters = form.filters()
        if "year" in filters:
            activities = activities.filter(plan_year=filters["year"])
        if "status" in filters:
            activities = activities.filter(status=filters["status"])
        if "channel" in filters:
            activities = activities.filter(channel=filters["channel"])
        if "responsible" in filters:
            activities = activities.filter(responsible__icontains=filters["responsible"])
        return activities.order_by("plan_year", "sort_order", "pk")

    def get_cached_paths(self):
        """The page and its exports: what the edge cache purges when the plan changes (site_lycksele.edge)."""
        return ["/", "/aktivitetsplan.csv", "/aktivitetsplan.ics"]

    def export_url(self, extension, request):
        query = request.GET.urlencode()
        return f"{self.url}aktivitetsplan.{extension}" + (f"?{query}" if query else "")

    def render_plan(self, request, today):
        """The filters, exports, timeline and table for ``request``'s filters, as HTML."""
        form = self.filter_form(request)
        activities = list(self.filtered_activities(form, request))
        years = [int(value) for value, _label in form.fields["year"].choices if value]
        year = form.filters().get("year")
        if year is None:
            year = today.year if today.year in years or not years else years[-1]
        context = {
            "page": self,
            "activities": activities,
            "filter_form": form,
            "is_filtered": bool(form.filters()),
            "timeline": build_timeline(activities, year, today),
            "csv_url": self.export_url("csv", request),
            "ics_url": self.export_url("ics", request),
        }
        return render_to_string("activities/includes/plan_body.html", context, request=request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The plan aggregates the activity snippets: kept per content version, filters and day.
        today = timezone.localdate()
        context["plan_body"] = cached(
            "activity-plan",
            lambda: self.render_plan(request, today),
            self.pk,
            request.get_host(),
            sorted(request.GET.lists()),
            today.isoformat(),
        )
        return context


class MonthlyReport(AssociationOwned, models.Model):
    """The monthly progress report to LSG and the board: one per month, never sent twice.

    The figures are frozen in ``data`` when the report is made, so the email
    and the admin page show the same numbers.
    """

    month = models.DateField(_("månad"), help_text=_("Månadens första dag."))
    data = models.JSONField(_("siffror"), default=dict)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("månadsrapport")
        verbose_name_plural = _("månadsrapporter")
        constraints = [
            models.UniqueConstraint(fields=["association", "month"], name="activities_monthly_report_per_association")
        ]

    def __str__(self):
        return f"Månadsrapport {self.month:%Y-%m}"
