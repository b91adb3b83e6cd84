"""The content the listings list: news, projects and reports."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock, DocumentLinkBlock, document_info
from home.documents import public_documents
from home.models.images import LISTING_IMAGE, PAGE_IMAGE, alt_text_field, image_field, prefetch_renditions
from home.models.mixins import AnnouncedPageMixin, ServedPageMixin
from home.models.snippets import Person, ReportKind
from home.visibility import PublicImageRenditionField, public_pages


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)

    @classmethod
    def used_tags(cls, pages):
        """The tags used on ``pages``, each once, in name order."""
        return Tag.objects.filter(home_newspagetag_items__content_object__in=pages).distinct().order_by("name")


class NewsPage(ServedPageMixin, AnnouncedPageMixin, Page):
    """One news item; its first publication is announced to the network."""

    date = models.DateField(_("datum"), default=timezone.localdate, help_text=_("Nyhetens datum, visas i listan."))
    lead = models.TextField(_("ingress"), help_text=_("En eller två meningar som sammanfattar nyheten."))
    image = image_field(_("bild"))
    image_alt = alt_text_field(
        _("alternativtext"), help_text=_("Beskriv bilden för den som inte ser den. Krävs när nyheten har en bild.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)
    tags = ClusterTaggableManager(
        through=NewsPageTag, blank=True, verbose_name=_("taggar"), help_text=_("Ämnesord att filtrera nyheterna på.")
    )
    related_project = models.ForeignKey(
        "home.ProjectPage",
        verbose_name=_("projekt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
        help_text=_("Det projekt nyheten handlar om, om något."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Bild")),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("related_project"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("date"),
        APIField("lead"),
        APIField("image", serializer=PublicImageRenditionField(PAGE_IMAGE)),
        APIField("image_thumbnail", serializer=PublicImageRenditionField(LISTING_IMAGE, source="image")),
        APIField("image_alt"),
        APIField("body"),
        APIField("tag_names"),
        APIField("related_project_id"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    announce_lists = ("natverket",)
    announce_template = "home/email/news"

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("nyhet")
        verbose_name_plural = _("nyheter")

    @property
    def tag_names(self):
        return [tag.name for tag in self.tags.all()]

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Skriv en alternativtext till bilden.")})

    @classmethod
    def listing(cls, queryset):
        """``queryset`` ready for a listing: newest first, image renditions and tags prefetched."""
        return (
            queryset.order_by("-date", "-pk")
            .select_related("image")
            .prefetch_related(prefetch_renditions("image", LISTING_IMAGE), "tags")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["project"] = (
            public_pages(ProjectPage.objects.live().filter(pk=self.related_project_id))
            .only("title", "url_path")
            .first()
            if self.related_project_id
            else None
        )
        context["index_url"] = self.index_url
        return context

    @property
    def index_url(self):
        """The address of the news listing this page is in, without a query for the parent page."""
        return self.url.removesuffix(f"{self.slug}/")


class ProjectPage(ServedPageMixin, Page):
    """A project or activity the board decided to fund."""

    class Status(models.TextChoices):
        PLANNED = "planerat", _("Planerat")
        ONGOING = "pagaende", _("Pågående")
        FINISHED = "avslutat", _("Avslutat")

    lead = models.TextField(_("ingress"), help_text=_("Vad projektet gör och för vem, i ett par meningar."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    decision_date = models.DateField(
        _("styrelsebeslut"), null=True, blank=True, help_text=_("Dagen då styrelsen beslutade om projektet.")
    )
    decision_paragraph = models.CharField(
        _("paragraf i protokollet"), max_length=20, blank=True, help_text=_("Beslutets paragraf, t.ex. § 12.")
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    granted_amount = models.PositiveIntegerField(
        _("beviljat belopp (kr)"), null=True, blank=True, help_text=_("Beviljade medel i hela kronor.")
    )
    principals = ParentalManyToManyField(
        "home.Principal",
        verbose_name=_("deltagande huvudmän"),
        blank=True,
        help_text=_("De huvudmän som deltar i projektet."),
    )
    target_group = models.TextField(_("målgrupp"), blank=True, help_text=_("Vilka projektet vänder sig till."))
    contact_person = models.ForeignKey(
        Person,
        verbose_name=_("kontaktperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    body = StreamField(BodyBlock(), verbose_name=_("beskrivning"), blank=True)
    documents = StreamField(
        [("document", DocumentLinkBlock())],
        verbose_name=_("dokument"),
        blank=True,
        help_text=_("Projektplan, beslut, rapporter och annat att ladda ner."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("decision_date"), FieldPanel("decision_paragraph")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("granted_amount"),
            ],
            heading=_("Beslut och period"),
        ),
        FieldPanel("principals", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_group"),
        FieldPanel("contact_person"),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("target_group"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("decision_date"),
    ]
    api_fields = [
        APIField("lead"),
        APIField("status"),
        APIField("decision_date"),
        APIField("decision_paragraph"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("granted_amount"),
        APIField("principal_names"),
        APIField("target_group"),
        APIField("contact"),
        APIField("body"),
        APIField("documents"),
    ]
    parent_page_types = ["home.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")

    @property
    def contact(self):
        return self.contact_person.api_representation() if self.contact_person_id else None

    @property
    def principal_names(self):
        return [principal.name for principal in self.principals.all()]

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Slutdatum kan inte vara före startdatum.")})

    @classmethod
    def listing(cls, queryset):
        """Current projects first (ongoing, planned, finished), then the newest decision."""
        order = Case(
            When(status=cls.Status.ONGOING, then=Value(0)),
            When(status=cls.Status.PLANNED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return (
            queryset.annotate(current_order=order)
            .order_by("current_order", models.F("decision_date").desc(nulls_last=True), "title")
            .prefetch_related("principals")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        related_news = public_pages(NewsPage.objects.live().filter(related_project=self))
        context["related_news"] = related_news.order_by("-date")[:10]
        context["contact"] = (
            Person.objects.select_related("photo").filter(pk=self.contact_person_id).first()
            if self.contact_person_id
            else None
        )
        return context


class ReportPage(ServedPageMixin, AnnouncedPageMixin, Page):
    """One report with its PDF; its first publication is announced to the elected members and the network."""

    kind = models.ForeignKey(
        ReportKind,
        verbose_name=_("typ av rapport"),
        on_delete=models.PROTECT,
        related_name="reports",
        help_text=_("Saknas typen? Lägg till den under Fragment › Rapporttyper."),
    )
    year = models.PositiveSmallIntegerField(_("år"), help_text=_("Det år rapporten gäller."))
    period = models.CharField(
        _("period"), max_length=100, blank=True, help_text=_("Till exempel ”januari–april” för ett tertial.")
    )
    summary = RichTextField(
        _("sammanfattning"),
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("Det viktigaste i rapporten, för den som inte öppnar dokumentet."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokument (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Rapporten som PDF."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year"), FieldPanel("period")]),
        FieldPanel("summary"),
        FieldPanel("document"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("year"),
        index.RelatedFields("kind", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("kind_name"),
        APIField("year"),
        APIField("period"),
        APIField("summary"),
        APIField("document_info"),
    ]
    parent_page_types = ["home.ReportIndexPage"]
    subpage_types = []

    announce_lists = ("fortroendevalda", "natverket")
    announce_template = "home/email/report"

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")

    @property
    def kind_name(self):
        return self.kind.name

    @property
    def document_info(self):
        """The document as a principal's site links to it: title, URL, type and size."""
        return document_info(self.document)

    def clean(self):
        super().clean()
        if self.document_id and self.document.file_extension.lower() != "pdf":
            raise ValidationError({"document": _("Rapporten ska vara en PDF-fil.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["document"] = public_documents().filter(pk=self.document_id).first()
        return context
