"""Funding applications (ärenden), their attachments, and the meetings they go to.

The model API other modules build on:

- :class:`Meeting`: a board or preparation group meeting on a date.
  ``Meeting.objects.preparation()`` / ``.board()`` filter by kind; ``Meeting.next_preparation(after=…, association=…)``
  is an association's first preparation meeting on or after a day.
- Both belong to one association (``association``, home.associations).
- :class:`Application`: one case. ``number`` ("2026/0012") is unique and sequential per year and
  association;
  ``status`` moves received → in preparation → decided, or to withdrawn. Change it through
  :meth:`Application.mark_in_preparation`, :meth:`Application.mark_decided` (``granted=False``
  for a rejection, which sets ``rejected``) and :meth:`Application.mark_withdrawn`. ``save()``
  keeps ``closed_at`` with the status (set when decided or withdrawn, cleared otherwise):
  retention (``applications.retention``) erases the personal data and attachments of rejected
  and withdrawn cases a configurable time after ``closed_at``.
- :class:`Attachment`: one uploaded file of a case, stored under a random name; ``original_name``
  is the sanitised name the applicant gave.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.content_cache import cached
from home.models import AssociationOwned, Principal, ServedPageMixin
from home.visibility import public_or_none


class MeetingQuerySet(models.QuerySet):
    def board(self):
        return self.filter(kind=Meeting.Kind.BOARD)

    def preparation(self):
        return self.filter(kind=Meeting.Kind.PREPARATION)

    def on_or_after(self, day):
        return self.filter(date__gte=day).order_by("date", "pk")


class Meeting(AssociationOwned, models.Model):
    """A meeting of one association's board or preparation group, recorded by its coordinator.

    Applications are due a lead time before a preparation meeting; the board decides at its own.
    """

    class Kind(models.TextChoices):
        BOARD = "styrelse", _("Styrelsemöte")
        PREPARATION = "beredning", _("Beredningsgruppens möte")

    kind = models.CharField(_("typ av möte"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("datum"))
    place = models.CharField(_("plats"), max_length=200, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "kind"]
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        constraints = [
            models.UniqueConstraint(fields=["association", "kind", "date"], name="applications_meeting_kind_date")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"

    @classmethod
    def next_preparation(cls, after, association):
        """``association``'s first preparation meeting on or after the day ``after``, or None."""
        return cls.objects.filter(association=association).preparation().on_or_after(after).first()


class Application(AssociationOwned, models.Model):
    """A funding application (ärende) to one association, from the day it arrives until it is decided
    or withdrawn."""

    class Status(models.TextChoices):
        RECEIVED = "mottagen", _("Mottagen")
        IN_PREPARATION = "under_beredning", _("Under beredning")
        DECIDED = "beslutad", _("Beslutad")
        WITHDRAWN = "aterkallad", _("Återkallad")

    CLOSED = (Status.DECIDED, Status.WITHDRAWN)

    year = models.PositiveSmallIntegerField(_("år"), editable=False)
    sequence = models.PositiveIntegerField(_("löpnummer"), editable=False)
    number = models.CharField(_("diarienummer"), max_length=20, editable=False)

    applicant_name = models.CharField(_("kontaktperson"), max_length=200)
    applicant_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    applicant_email = models.EmailField(_("e-post"))
    applicant_phone = models.CharField(_("telefon"), max_length=50, blank=True)

    title = models.CharField(_("projektets namn"), max_length=200)
    description = models.TextField(_("beskrivning"))
    parties = models.ManyToManyField(
        Principal,
        verbose_name=_("deltagande huvudmän"),
        related_name="applications",
        blank=True,
        help_text=_("Minst två av förbundets huvudmän."),
    )
    period_start = models.DateField(_("projektstart"))
    period_end = models.DateField(_("projektslut"))
    budget = models.PositiveIntegerField(_("sökt belopp (kr)"), help_text=_("I hela kronor."))

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    rejected = models.BooleanField(_("avslag"), default=False, editable=False)
    preparation_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("beredningsmöte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        limit_choices_to={"kind": Meeting.Kind.PREPARATION},
        help_text=_("Det möte i beredningsgruppen som ansökan går till."),
    )

    created_at = models.DateTimeField(_("inkommen"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("personuppgifter raderade"), null=True, blank=True, editable=False)
    receipt_sent_at = models.DateTimeField(_("kvitto skickat"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("ansökan")
        verbose_name_plural = _("ansökningar")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "sequence"], name="applications_application_year_sequence"
            ),
            models.UniqueConstraint(fields=["association", "number"], name="applications_application_number"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="applications_application_period",
                violation_error_message=_("Projektslut kan inte vara före projektstart."),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        """``closed_at`` follows the status however it changes (the methods below, the admin's edit form)."""
        if self.status in self.CLOSED:
            self.closed_at = self.closed_at or timezone.now()
        else:
            self.closed_at = None
        if kwargs.get("update_fields") is not None and "status" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "closed_at", "updated_at"}
        super().save(*args, **kwargs)

    @staticmethod
    def format_number(year, sequence):
        return f"{year}/{sequence:04d}"

    def mark_in_preparation(self):
        self.status = self.Status.IN_PREPARATION
        self.save(update_fields=["status"])

    def mark_decided(self, *, granted):
        """Record that the board decided the case; ``granted=False`` for a rejection."""
        self.status = self.Status.DECIDED
        self.rejected = not granted
        self.save(update_fields=["status", "rejected"])

    def mark_withdrawn(self):
        self.status = self.Status.WITHDRAWN
        self.rejected = False
        self.save(update_fields=["status", "rejected"])


def attachment_path(instance, filename):
    """A random name under the year: nothing of the applicant's file name reaches the storage."""
    return f"applications/{timezone.now():%Y}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """One file that came with an application (budget, time plan, …), checked by content on upload."""

    application = models.ForeignKey(
        Application, verbose_name=_("ansökan"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("fil"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("filnamn"), max_length=200)
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")

    def __str__(self):
        return self.original_name

    def get_download_url(self):
        """The admin's download of the file (``applications.view_attachment``); media never serves it."""
        return reverse("applications_attachment_download", args=[self.pk])


# Preparation and decision


class Comment(models.Model):
    """A remark on a case from the preparation: read by the preparation group, the coordinator and the board,
    never by the applicant."""

    application = models.ForeignKey(
        Application, verbose_name=_("ansökan"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("skriven av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("kommentar"))
    created_at = models.DateTimeField(_("skriven"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")

    def __str__(self):
        return f"{self.application.number}: {self.text[:40]}"


class Outcome(models.TextChoices):
    """What the board may decide on a case (and what the coordinator may propose)."""

    GRANTED = "beviljad", _("Beviljas")
    PARTLY_GRANTED = "delvis_beviljad", _("Beviljas delvis")
    REJECTED = "avslag", _("Avslås")


class Proposal(models.Model):
    """The coordinator's proposal for a decision (förslag till beslut), one per case, rewritten until decided."""

    application = models.OneToOneField(
        Application, verbose_name=_("ansökan"), on_delete=models.CASCADE, related_name="proposal"
    )
    outcome = models.CharField(_("förslag"), max_length=20, choices=Outcome.choices)
    amount = models.PositiveIntegerField(
        _("föreslaget belopp (kr)"), null=True, blank=True, help_text=_("Vid delvis beviljande, i hela kronor.")
    )
    text = models.TextField(_("motivering"), help_text=_("Samordnarens bedömning, som styrelsen läser."))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("skrivet av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)

    class Meta:
        verbose_name = _("förslag till beslut")
        verbose_name_plural = _("förslag till beslut")

    def __str__(self):
        return f"{self.application.number}: {self.get_outcome_display()}"


class Decision(models.Model):
    """The board's decision on one case at one of its meetings, under a paragraph of the minutes.

    A granted (or partly granted) decision made its draft project page and, through home's
    ``create_decision_release`` hook, its draft press release (``release``); both go live when the
    board approves the release (applications.publishing). The applicant is told once
    (``applicant_notified_at``).
    """

    application = models.OneToOneField(
        Application, verbose_name=_("ansökan"), on_delete=models.PROTECT, related_name="decision"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("styrelsemöte"),
        on_delete=models.PROTECT,
        related_name="decisions",
        limit_choices_to={"kind": Meeting.Kind.BOARD},
    )
    paragraph = models.PositiveSmallIntegerField(
        _("paragraf (§)"), validators=[MinValueValidator(1)], help_text=_("Paragrafens nummer i protokollet, t.ex. 12.")
    )
    outcome = models.CharField(_("beslut"), max_length=20, choices=Outcome.choices)
    amount = models.PositiveIntegerField(_("beviljat belopp (kr)"), null=True, blank=True)
    motivation = models.TextField(_("motivering"), blank=True, help_text=_("Skickas till den sökande."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerat av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("registrerat"), default=timezone.now, editable=False)
    project_page = models.ForeignKey(
        "home.ProjectPage",
        verbose_name=_("projektsida"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    release_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    release_id = models.CharField(max_length=64, blank=True, editable=False)
    release = GenericForeignKey("release_type", "release_id")
    applicant_notified_at = models.DateTimeField(_("sökande underrättad"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["meeting__date", "pk"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "paragraph"], name="applications_decision_one_per_paragraph")
        ]

    def __str__(self):
        return f"{self.paragraph_label} {self.application.number}: {self.get_outcome_display()}"

    @property
    def paragraph_label(self):
        return f"§\N{NO-BREAK SPACE}{self.paragraph}"

    @property
    def granted(self):
        return self.outcome != Outcome.REJECTED


class Minutes(models.Model):
    """The minutes (protokoll) of a board meeting: an accessible page with its decisions, and the signed PDF.

    Shown on the public minutes page (:class:`MinutesIndexPage`) once justerat and published.
    """

    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("styrelsemöte"),
        on_delete=models.CASCADE,
        related_name="minutes",
        limit_choices_to={"kind": Meeting.Kind.BOARD},
    )
    body = RichTextField(
        _("protokoll"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        help_text=_("Närvarande, ärenden och beslut. Besluten om ansökningar listas automatiskt."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("justerat protokoll (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Det undertecknade protokollet, om det ska kunna laddas ner."),
    )
    approved_on = models.DateField(
        _("justerat"), null=True, blank=True, help_text=_("Dagen då protokollet justerades.")
    )
    published = models.BooleanField(
        _("publicerat"), default=False, help_text=_("Visas på webbplatsen. Kräver att protokollet är justerat.")
    )
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)

    class Meta:
        ordering = ["-meeting__date"]
        verbose_name = _("protokoll")
        verbose_name_plural = _("protokoll")

    def __str__(self):
        return _("Protokoll %(meeting)s") % {"meeting": self.meeting}

    def clean(self):
        super().clean()
        if self.meeting_id and self.meeting.kind != Meeting.Kind.BOARD:
            raise ValidationError({"meeting": _("Protokoll publiceras bara för styrelsens möten.")})
        if self.published and not self.approved_on:
            raise ValidationError({"published": _("Protokollet kan publiceras först när det är justerat.")})
        if self.document_id and self.document.file_extension.lower() != "pdf":
            raise ValidationError({"document": _("Det justerade protokollet ska vara en PDF-fil.")})


# Pages


class MinutesIndexPage(ServedPageMixin, RoutablePageMixin, Page):
    """The board's meetings by year, at /om-forbundet/protokoll/: each justerat and published minutes
    with the decisions taken, and one page per meeting below it (``<meeting id>/``)."""

    intro = models.TextField(_("ingress"), blank=True, help_text=_("Visas överst i listan över protokoll."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.StandardPage", "home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("protokollsida")

    def published_minutes(self):
        """The minutes of this page's association visitors may read: justerat and published, with their
        meeting, PDF and decisions."""
        decisions = Decision.objects.select_related("application").order_by("paragraph", "pk")
        return (
            Minutes.objects.filter(published=True, approved_on__isnull=False, meeting__association=self.get_site())
            .select_related("meeting", "document")
            .prefetch_related(Prefetch("meeting__decisions", queryset=decisions))
            .order_by("-meeting__date", "-pk")
        )

    def meeting_url(self, minutes):
        return self.url + self.reverse_subpage("meeting", kwargs={"meeting_id": minutes.meeting_id})

    def render_year(self, request, year):
        """The list of ``year``'s meetings (all years offered in the filter) as HTML; Http404 for a year without any."""
        minutes = self.published_minutes()
        years = [day.year for day in minutes.dates("meeting__date", "year", order="DESC")]
        if year is None and years:
            year = years[0]
        if year is not None and year not in years:
            raise Http404(_("Det finns inga protokoll från det året."))
        listed = [
            {"minutes": item, "url": self.meeting_url(item), "document": public_or_none(item.document)}
            for item in (minutes.filter(meeting__date__year=year) if year is not None else [])
        ]
        context = {"page": self, "years": years, "year": year, "listed": listed}
        return render_to_string("applications/includes/minutes_listing.html", context, request=request)

    @path("")
    def index_route(self, request):
        raw = request.GET.get("ar", "")
        if raw and not (raw.isdigit() and len(raw) == 4):
            raise Http404(_("Det finns inga protokoll från det året."))
        year = int(raw) if raw else None
        listing = cached("minutes-listing", lambda: self.render_year(request, year), self.pk, request.get_host(), year)
        context = self.get_context(request)
        context["listing"] = listing
        return TemplateResponse(request, "applications/minutes_index_page.html", context)

    @path("<int:meeting_id>/", name="meeting")
    def meeting_route(self, request, meeting_id):
        minutes = self.published_minutes().filter(meeting_id=meeting_id).first()
        if minutes is None:
            raise Http404(_("Protokollet finns inte."))
        context = self.get_context(request)
        context.update(
            minutes=minutes,
            document=public_or_none(minutes.document),
            index_url=self.url,
        )
        return TemplateResponse(request, "applications/minutes_page.html", context)

    def get_sitemap_urls(self, request=None):
        """The list and each published minutes below it."""
        base_url = self.get_full_url(request)
        meetings = [
            {
                "location": base_url + self.reverse_subpage("meeting", kwargs={"meeting_id": meeting_id}),
                "lastmod": updated_at,
            }
            for meeting_id, updated_at in self.published_minutes().values_list("meeting_id", "updated_at")
        ]
        return [*super().get_sitemap_urls(request), *meetings]
