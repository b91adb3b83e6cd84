"""Press releases, events and the press room.

A press release is a snippet with the whole editorial stack (drafts, revisions,
locking, preview, the board's approval workflow), built like bakerydemo's
``Person``. An event (a press conference, the local experience conference) is a
lighter snippet the coordinator publishes: time, place and registration. The
press room is the one page that shows the published releases and events, each
under its own sub-URL, with the media kit and the events' calendar.
"""

import datetime

from csp.decorators import csp_update
from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel, PublishingPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from home.associations import absolute_url, of_request
from home.blocks import DocumentListBlock
from home.content_cache import cached, kept
from home.decisions import DecisionRelease
from home.models import (
    AssociationOwned,
    ListingPage,
    OrganisationSettings,
    Person,
    ProjectPage,
    PublicUrlMixin,
    ServedPageMixin,
    SingletonPageMixin,
)
from home.models.images import prefetch_renditions
from home.printed import PRINTED_ITEMS, image_data_uri, render_pdf
from home.publishing import Announced, is_live_now
from home.query_params import paginate, redirect_renamed_parameters
from home.views import pdf_response
from home.visibility import public_or_none
from network.api import media_signup_view
from press import conf, embargo
from press.blocks import PressReleaseBodyBlock
from press.facts import current_fact_box, freeze_fact_box
from press.feeds import PressReleaseAtomFeed, PressReleaseFeed
from press.forms import DefaultListsForm, PressReleaseForm, register
from press.image_bank import (
    DOWNLOAD_SIZES,
    PRINT,
    THUMBNAIL,
    WEB_SIZE,
    PressImage,
    PressReleaseImage,
    require_image_credits,
)
from press.panels import (
    ApprovalProgressPanel,
    FactBoxPanel,
    MailingProgressPanel,
    PdfPanel,
    RegistrationsPanel,
    ReviewPublishingPanel,
)
from press.workflows import BoardApproval, BoardDecisionTask

__all__ = [
    "PressRelease",
    "PressReleaseContact",
    "PressEvent",
    "EventRegistration",
    "PressRoomPage",
    "BoardDecisionTask",
    "BoardApproval",
    "PressImage",
    "PressReleaseImage",
]

RESERVED_SLUGS = {"feed", "bilder", "prenumerera", "embargo", "evenemang"}
PDF_IMAGE = "max-1000x700"
ONE_DAY = datetime.timedelta(days=1)
# The events' calendar, beside the press room's address (press/urls.py): /press/evenemang.ics.
CALENDAR_NAME = "evenemang.ics"
# The press room's old query parameters, now named as in the site's listings.
RENAMED_PARAMETERS = {"year": "ar", "page": "sida"}


class PressRelease(
    AssociationOwned,
    Announced,
    DecisionRelease,
    PublicUrlMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A press release: drafted by the coordinator, approved by the board, then
    published on /press/<slug>/ and sent to its distribution lists.

    The fact box is copied from the organisation settings when the board
    publishes (or schedules) the release and never changes afterwards, so an old
    release keeps the fact box it went out with.
    """

    title = models.CharField(_("rubrik"), max_length=255)
    slug = models.SlugField(
        _("kortnamn i adressen"),
        max_length=100,
        help_text=_("Blir adressen /press/<kortnamn>/. Små bokstäver, siffror och bindestreck."),
    )
    lead = models.TextField(_("ingress"), help_text=_("En till tre meningar som sammanfattar nyheten."))
    body = StreamField(PressReleaseBodyBlock(), verbose_name=_("brödtext"), blank=True)
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("huvudbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    main_image_alt = models.CharField(
        _("alternativtext för huvudbilden"),
        max_length=255,
        blank=True,
        help_text=_("Beskriv bilden för den som inte ser den."),
    )
    main_image_credit = models.CharField(_("fotograf/källa för huvudbilden"), max_length=255, blank=True)
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("relaterat projekt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Projektet eller verksamheten som pressmeddelandet handlar om."),
    )
    distribution = ParentalManyToManyField(
        "network.MailingList",
        verbose_name=_("sändlistor"),
        related_name="+",
        help_text=_("Listorna som får pressmeddelandet när det publiceras första gången."),
    )
    fact_box = RichTextField(_("faktaruta"), blank=True, editable=False)
    fact_box_frozen_at = models.DateTimeField(_("faktaruta fastställd"), null=True, blank=True, editable=False)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="press_release",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="press_release",
        for_concrete_model=False,
    )

    base_form_class = PressReleaseForm

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("main_image"), FieldPanel("main_image_alt"), FieldPanel("main_image_credit")],
            heading=_("Huvudbild"),
        ),
        InlinePanel("images", label=_("Pressbild"), heading=_("Pressbilder ur bildbanken")),
        InlinePanel("contacts", label=_("Kontaktperson"), heading=_("Kontaktpersoner")),
        PageChooserPanel("related_page", page_type="home.ProjectPage"),
        FieldPanel("distribution", widget=forms.CheckboxSelectMultiple),
        FactBoxPanel(heading=_("Faktaruta")),
        ApprovalProgressPanel(heading=_("Styrelsebeslut")),
        MailingProgressPanel(heading=_("Utskick")),
        PdfPanel(heading=_("PDF-version")),
        ReviewPublishingPanel(),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("lead"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("live"),
        index.FilterField("association"),
        index.FilterField("first_published_at"),
    ]

    api_fields = [
        APIField("title"),
        APIField("slug"),
        APIField("lead"),
        APIField("body"),
        APIField("main_image"),
        APIField("main_image_alt"),
        APIField("main_image_credit"),
        APIField("contacts"),
        APIField("related_page"),
        APIField("distribution_slugs"),
        APIField("fact_box"),
        APIField("first_published_at"),
        APIField("last_published_at"),
        APIField("public_url"),
    ]

    class Meta:
        ordering = ["-first_published_at", "-pk"]
        verbose_name = _("pressmeddelande")
        verbose_name_plural = _("pressmeddelanden")
        constraints = [
            models.UniqueConstraint(fields=["association", "slug"], name="press_release_slug_per_association")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Kortnamnet ”%(slug)s” är reserverat.") % {"slug": self.slug}})
        taken = PressRelease.objects.filter(association_id=self.association_id, slug=self.slug).exclude(pk=self.pk)
        if taken.exists():
            raise ValidationError(
                {"slug": _("Det finns redan ett pressmeddelande med kortnamnet ”%(slug)s”.") % {"slug": self.slug}}
            )
        if self.related_page_id and not ProjectPage.objects.filter(pk=self.related_page_id).exists():
            raise ValidationError(
                {"related_page": _("Välj en projektsida. Ett pressmeddelande kan bara kopplas till ett projekt.")}
            )

    def with_content_json(self, content):
        """Restore a revision, keeping the frozen fact box: it belongs to the release, not to a revision."""
        obj = super().with_content_json(content)
        obj.fact_box = self.fact_box
        obj.fact_box_frozen_at = self.fact_box_frozen_at
        return obj

    def publish(self, revision, user=None, **kwargs):
        """Freeze the fact box and publish in one transaction; refused while the fact box is empty
        or an image lacks its credit (press.image_bank).

        Every route to publishing (the editor, the board's approval, scheduled
        publishing) ends here, so the announcement made by the ``published``
        signal joins the same transaction.
        """
        require_image_credits(self)
        with transaction.atomic():
            freeze_fact_box(self)
            return super().publish(revision, user=user, **kwargs)

    @property
    def effective_fact_box(self):
        """The frozen fact box, or (before the first publication, e.g. in preview) the current one."""
        return self.fact_box or current_fact_box(self.association_id)

    @property
    def contact_people(self):
        """The release's contact persons, in the editor's order."""
        return [contact.person for contact in self.contacts.all() if contact.person]

    @property
    def press_images(self):
        """The image bank's images the release lists, in the editor's order, that visitors may see."""
        return [item.press_image for item in self.images.all() if public_or_none(item.press_image.image)]

    @property
    def distribution_slugs(self):
        return [mailing_list.slug for mailing_list in self.distribution.all()]

    announce_template = "press/email/press_release"

    @property
    def announce_lists(self):
        return self.distribution_slugs

    def announce_subject(self):
        return _("Pressmeddelande: %(title)s") % {"title": self.title}

    def announce_url(self):
        return self.public_url or ""

    def announce_association(self):
        return self.association

    def announce_context(self):
        return OrganisationSettings.email_context(self.association)

    def first_publication_options(self):
        return embargo.publication_options(self)

    def embargo_preview_url(self, token):
        """The absolute address of the private preview under embargo (press.embargo), or "" without a press room."""
        room = self.press_room
        if room is None:
            return ""
        path = room.get_url() + room.reverse_subpage("embargo_preview", kwargs={"token": token})
        return absolute_url(self.association, path) if path.startswith("/") else path

    @cached_property
    def press_room(self):
        """The press room of the release's association, where it is shown."""
        return PressRoomPage.live_page(association=self.association)

    def get_url(self, request=None):
        # With a request, the press room is looked up once for all of it (search results link many releases).
        room = PressRoomPage.live_page(request) if request is not None else self.press_room
        if room is None:
            return None
        return room.release_url(self, request=request)

    @property
    def preview_modes(self):
        return [
            ("", _("Webbsida")),
            ("email_html", _("E-post (HTML)")),
            ("email_text", _("E-post (text)")),
        ]

    def get_preview_template(self, request, mode_name):
        if mode_name == "email_html":
            return "press/email/press_release.html"
        if mode_name == "email_text":
            return "press/preview/email_text.html"
        return "press/press_release.html"

    def serve_preview(self, request, mode_name):
        serve = super().serve_preview
        if mode_name == "email_html":
            # The email carries its styles inline, as email clients need; scripts stay blocked.
            serve = csp_update({"style-src": ["'unsafe-inline'"]})(serve)
        return serve(request, mode_name)

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update(email_context(self))
        if mode_name == "email_text":
            context["text"] = render_to_string("press/email/press_release.txt", context, request=request)
        else:
            # No ``page`` here: the userbar would look up this snippet revision as a page revision.
            context.update(press_room=self.press_room, release=self, fact_box=self.effective_fact_box)
            context.update(render_release_article(self, self.press_room, request))
        return context


def render_release_article(release, press_room, request):
    """What press/press_release.html shows of ``release``: its title, last update and article HTML."""
    context = {"press_room": press_room, "release": release, "fact_box": release.effective_fact_box}
    if press_room is not None:
        context["press_images"] = [(image, press_room.image_downloads(image)) for image in release.press_images]
        if release.live:
            context["pdf_url"] = press_room.release_url(release) + "pdf/"
    return {
        "release_title": release.title,
        "release_lead": release.lead,
        "release_updated": release.last_published_at,
        "release_html": render_to_string("press/includes/release_article.html", context, request=request),
    }


def release_pdf_context(release, press_room):
    """What press/pdf/press_release.html renders with: the release, its images embedded, the organisation."""
    site = press_room.get_site()
    organisation = OrganisationSettings.for_site(site)
    body = []
    for block in release.body:
        if block.block_type == "image":
            image = public_or_none(block.value["image"])
            body.append({"image": image_data_uri(image, PDF_IMAGE) if image else "", "value": block.value})
        elif block.block_type == "embed":
            body.append({"link": block.value.url})  # on paper, the address; rendering would ask the provider
        else:
            body.append({"html": block.render()})
    main_image = public_or_none(release.main_image)
    return {
        "title": release.title,
        "release": release,
        "organisation": organisation,
        "logo": image_data_uri(organisation.logo),
        "site_url": site.root_url,
        "main_image": image_data_uri(main_image, PDF_IMAGE) if main_image else "",
        "body": body,
        "press_images": release.press_images,
        "fact_box": release.effective_fact_box,
        "url": release.public_url,
    }


def email_context(release, mailing=None, subscriber=None):
    """What the email templates render with; the network passes the same names when it sends."""
    return {
        **OrganisationSettings.email_context(release.association),
        "object": release,
        "mailing": mailing,
        "subscriber": subscriber,
        "unsubscribe_url": "#",
        "manage_url": "#",
    }


class PressReleaseContact(Orderable):
    """A person the media may call about the release: one of the contact persons, picked, not retyped.

    The details shown (name, role, phone, email) are the person's own, so a new phone
    number is entered once, on the contact person.
    """

    release = ParentalKey(PressRelease, related_name="contacts", on_delete=models.CASCADE)
    # Deleting a contact person removes them from the releases (shown without them), never fails.
    person = models.ForeignKey(
        Person,
        verbose_name=_("kontaktperson"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Välj bland kontaktpersonerna. Saknas personen? Lägg till den under Fragment › Kontaktpersoner."),
    )

    panels = [FieldPanel("person")]
    api_fields = [APIField("name"), APIField("role"), APIField("organisation"), APIField("phone"), APIField("email")]

    class Meta(Orderable.Meta):
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self):
        return str(self.person or "")

    @property
    def name(self):
        return self.person.name if self.person else ""

    @property
    def role(self):
        return self.person.role if self.person else ""

    @property
    def organisation(self):
        return self.person.organisation if self.person else ""

    @property
    def phone(self):
        return self.person.phone if self.person else ""

    @property
    def email(self):
        return self.person.email if self.person else ""


class PressEvent(
    AssociationOwned,
    Announced,
    PublicUrlMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A press conference or an event of the plan, announced with its time, place and registration.

    Shown in the press room (/press/evenemang/<slug>/) and its calendar (/press/evenemang.ics),
    and mailed to its lists on first publication by the site's one publishing rule
    (``home.publishing.Announced``). The coordinator publishes it; there is no board review,
    as an invitation carries no decision. Registration is either a link to someone else's
    form or the site's own form (:class:`EventRegistration`), never both.
    """

    class Kind(models.TextChoices):
        PRESS_CONFERENCE = "presskonferens", _("Presskonferens")
        CONFERENCE = "konferens", _("Konferens")
        OTHER = "evenemang", _("Evenemang")

    title = models.CharField(_("rubrik"), max_length=255)
    slug = models.SlugField(
        _("kortnamn i adressen"),
        max_length=100,
        unique=True,
        help_text=_("Blir adressen /press/evenemang/<kortnamn>/. Små bokstäver, siffror och bindestreck."),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.PRESS_CONFERENCE)
    lead = models.TextField(_("ingress"), help_text=_("En till tre meningar: vad händer och för vem?"))
    body = RichTextField(_("beskrivning"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=200, help_text=_("Till exempel lokalens namn."))
    address = models.CharField(_("adress"), max_length=255, blank=True)
    registration_url = models.URLField(
        _("länk till anmälan"), blank=True, help_text=_("Anmälan görs någon annanstans, till exempel hos en partner.")
    )
    registration_form = models.BooleanField(
        _("anmälan på webbplatsen"), default=False, help_text=_("Besökarna anmäler sig i ett formulär på sidan.")
    )
    registration_closes_at = models.DateTimeField(
        _("sista anmälningsdag"), null=True, blank=True, help_text=_("Tomt: anmälan stänger när evenemanget börjar.")
    )
    capacity = models.PositiveIntegerField(_("antal platser"), null=True, blank=True, help_text=_("Tomt: obegränsat."))
    distribution = ParentalManyToManyField(
        "network.MailingList",
        verbose_name=_("sändlistor"),
        related_name="+",
        help_text=_("Listorna som får inbjudan när evenemanget publiceras första gången."),
    )

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="press_event",
        for_concrete_model=False,
    )

    base_form_class = DefaultListsForm

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("place"), FieldPanel("address")],
            heading=_("Tid och plats"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldPanel("registration_form"),
                FieldPanel("registration_closes_at"),
                FieldPanel("capacity"),
            ],
            heading=_("Anmälan"),
        ),
        FieldPanel("distribution", widget=forms.CheckboxSelectMultiple),
        RegistrationsPanel(heading=_("Anmälda")),
        MailingProgressPanel(heading=_("Utskick")),
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.AutocompleteField("title"),
        index.FilterField("live"),
        index.FilterField("association"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("evenemang")
        verbose_name_plural = _("evenemang")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("Evenemanget kan inte sluta innan det börjar.")
        if self.registration_url and self.registration_form:
            errors["registration_form"] = _("Välj antingen en länk till anmälan eller anmälan på webbplatsen.")
        if self.registration_closes_at and self.starts_at and self.registration_closes_at > self.starts_at:
            errors["registration_closes_at"] = _("Anmälan måste stänga senast när evenemanget börjar.")
        if errors:
            raise ValidationError(errors)

    @property
    def registration_closes(self):
        """When the site's registration form closes: the last day given, else the start."""
        return self.registration_closes_at or self.starts_at

    def registration_problem(self, now=None):
        """Why nobody can register on the site now (Swedish), or "" when they can."""
        if not self.registration_form:
            return _("Anmälan görs inte på webbplatsen.")
        if (now or timezone.now()) >= self.registration_closes:
            return _("Anmälan är stängd.")
        if self.capacity is not None and self.registrations.count() >= self.capacity:
            return _("Evenemanget är fullbokat.")
        return ""

    announce_template = "press/email/press_event"

    @property
    def announce_lists(self):
        return [mailing_list.slug for mailing_list in self.distribution.all()]

    def announce_subject(self):
        when = date_format(timezone.localtime(self.starts_at), "j F Y")
        return _("Inbjudan: %(title)s, %(when)s") % {"title": self.title, "when": when}

    def announce_url(self):
        return self.public_url or ""

    def announce_context(self):
        return OrganisationSettings.email_context()

    def get_url(self, request=None):
        room = PressRoomPage.live_page(request)
        if room is None:
            return None
        return room.event_url(self, request=request)

    def get_preview_template(self, request, mode_name):
        return "press/press_event.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update(event=self, press_room=PressRoomPage.objects.live().first())
        return context


class EventRegistration(models.Model):
    """One person registered for an event through the site's form: what the organiser needs, nothing more.

    Personal data: part of the network's export and erasure of an address (press's
    ``personal_data_*`` hooks), and described in the privacy notice.
    """

    event = models.ForeignKey(
        PressEvent, verbose_name=_("evenemang"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-postadress"), max_length=254)
    organisation = models.CharField(_("organisation eller redaktion"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("anmäld"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        constraints = [models.UniqueConstraint("event", Lower("email"), name="press_registration_once_per_address")]

    def __str__(self):
        return f"{self.name} – {self.event}"


class PressRoomPage(ServedPageMixin, SingletonPageMixin, RoutablePageMixin, Page):
    """The press room at /press/: published releases newest first, one page per
    release below it, an RSS feed and the media kit (logo, fact sheet, contact)."""

    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link"])
    fact_sheet = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("faktablad"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    media_kit = StreamField(
        [("documents", DocumentListBlock())],
        verbose_name=_("mediekit"),
        blank=True,
        help_text=_("Logotyper och andra filer som medierna får använda."),
    )
    press_contact_name = models.CharField(_("presskontakt"), max_length=200, blank=True)
    press_contact_role = models.CharField(_("presskontaktens roll"), max_length=200, blank=True)
    press_contact_phone = models.CharField(_("presskontaktens telefon"), max_length=50, blank=True)
    press_contact_email = models.EmailField(_("presskontaktens e-post"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("fact_sheet"),
                FieldPanel("media_kit"),
                FieldPanel("press_contact_name"),
                FieldPanel("press_contact_role"),
                FieldPanel("press_contact_phone"),
                FieldPanel("press_contact_email"),
            ],
            heading=_("Mediekit"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1  # one per association (each has its own home page)

    class Meta:
        verbose_name = _("pressrum")

    def release_url(self, release, request=None):
        return self.get_url(request=request) + self.reverse_subpage("release", kwargs={"slug": release.slug})

    def event_url(self, event, request=None):
        return self.get_url(request=request) + self.reverse_subpage("event", kwargs={"slug": event.slug})

    @staticmethod
    def live_events(association):
        """The published events of ``association`` (a Site), soonest first."""
        return PressEvent.objects.filter(live=True, association=association).order_by("starts_at", "pk")

    @staticmethod
    def upcoming_events(association, now=None):
        """Live events not yet over (ended, or started more than a day ago without an end), soonest first."""
        now = now or timezone.now()
        not_over = models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now - ONE_DAY)
        return PressRoomPage.live_events(association).filter(not_over)

    @staticmethod
    def live_releases(association):
        """The published releases of ``association`` (a Site), newest first."""
        return PressRelease.objects.filter(live=True, association=association).order_by("-first_published_at", "-pk")

    @path("")
    def index_route(self, request):
        moved = redirect_renamed_parameters(request, RENAMED_PARAMETERS)
        if moved:
            return moved
        releases = self.live_releases(of_request(request)).only("title", "slug", "lead", "first_published_at")
        year = ListingPage.year_filter(request, releases, "first_published_at", _("År"))
        page_obj = paginate(request, year.apply(releases), conf.get("PRESS_PAGE_SIZE"))
        base_url = self.get_url(request=request)
        for release in page_obj:
            release.page_url = base_url + self.reverse_subpage("release", kwargs={"slug": release.slug})
        events = list(
            self.upcoming_events(of_request(request)).only(
                "title", "slug", "kind", "lead", "starts_at", "ends_at", "place"
            )
        )
        for event in events:
            event.page_url = base_url + self.reverse_subpage("event", kwargs={"slug": event.slug})
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "filters": [year],
                "is_filtered": bool(year.value),
                "press_images": self.image_bank(of_request(request)),
                "printed_items": [(item, reverse("printed", args=[item.name])) for item in PRINTED_ITEMS.values()],
                "events": events,
                "calendar_url": base_url + CALENDAR_NAME,
            },
        )

    def image_bank(self, association):
        """``association``'s press images visitors may see and download, newest first, with their thumbnails."""
        images = (
            PressImage.objects.filter(association=association)
            .select_related("image")
            .prefetch_related(prefetch_renditions("image", THUMBNAIL))
        )
        return [(image, self.image_downloads(image)) for image in images if public_or_none(image.image)]

    def image_downloads(self, press_image):
        """(label, address) of each download size of ``press_image``."""
        base_url = self.url
        return [
            (label, base_url + self.reverse_subpage("image_download", kwargs={"pk": press_image.pk, "size": size}))
            for size, label in DOWNLOAD_SIZES.items()
        ]

    @path("bilder/<int:pk>/<str:size>/", name="image_download")
    def image_download_route(self, request, pk, size):
        """A press image for download: the web size (a rendition) or the original file for print."""
        press_image = PressImage.objects.select_related("image").filter(pk=pk, association=of_request(request)).first()
        if size not in DOWNLOAD_SIZES or press_image is None or not public_or_none(press_image.image):
            raise Http404
        image = press_image.image
        source = image if size == PRINT or image.is_svg() else image.get_rendition(WEB_SIZE)
        return FileResponse(source.file.open("rb"), as_attachment=True, filename=press_image.download_name(size))

    @path("<slug:slug>/pdf/", name="release_pdf")
    def release_pdf_route(self, request, slug):
        """The live release ``slug`` as an accessible PDF, rendered anew when it is published again."""
        release = self.live_releases(of_request(request)).filter(slug=slug).first()
        if release is None:
            raise Http404
        pdf = kept(
            "press-release-pdf",
            lambda: render_pdf("press/pdf/press_release.html", release_pdf_context(release, self)),
            self.pk,
            slug,
            release.last_published_at,
        )
        return pdf_response(pdf, f"{release.slug}.pdf")

    @path("evenemang/<slug:slug>/", name="event")
    def event_route(self, request, slug):
        """One live event, with its registration form when the site takes registrations (POST registers)."""
        event = self.live_events(of_request(request)).filter(slug=slug).first()
        if event is None:
            raise Http404
        context = self.get_context(request)
        context.update(event=event, calendar_url=self.get_url(request=request) + CALENDAR_NAME)
        status = 200
        if event.registration_form:
            registration, status = register(request, event)
            context.update(registration, closed=event.registration_problem())
        return TemplateResponse(request, "press/press_event.html", context, status=status)

    @path("feed/", name="rss")
    def feed_route(self, request):
        return PressReleaseFeed(self, of_request(request))(request)

    @path("feed/atom/", name="atom")
    def atom_feed_route(self, request):
        return PressReleaseAtomFeed(self, of_request(request))(request)

    def get_cached_paths(self):
        """The press room and its events' calendar (press/urls.py), which the edge cache purges with it."""
        return ["/", "/" + CALENDAR_NAME]

    def get_sitemap_urls(self, request=None):
        """The press room and each published release and event below it."""
        base_url = self.get_full_url(request)
        releases = [
            {
                "location": base_url + self.reverse_subpage("release", kwargs={"slug": release.slug}),
                "lastmod": release.last_published_at,
            }
            for release in self.live_releases(of_request(request)).only("slug", "last_published_at")
        ]
        events = [
            {
                "location": base_url + self.reverse_subpage("event", kwargs={"slug": event.slug}),
                "lastmod": event.last_published_at,
            }
            for event in self.live_events(of_request(request)).only("slug", "last_published_at")
        ]
        return [*super().get_sitemap_urls(request), *releases, *events]

    def render_release(self, request, slug):
        """The live release ``slug`` rendered (``render_release_article``); 404 when there is none."""
        release = (
            self.live_releases(of_request(request))
            .select_related("main_image", "related_page")
            .prefetch_related("contacts__person", "images__press_image__image")
            .filter(slug=slug)
            .first()
        )
        if release is None:
            raise Http404
        return render_release_article(release, self, request)

    @path("prenumerera/", name="subscribe")
    def subscribe_route(self, request):
        """A journalist applies to the media list (network.api: double opt-in, then the coordinator accepts)."""
        done_url = self.get_url(request=request) + self.reverse_subpage("subscribe_done")
        return media_signup_view(request, context=self.get_context(request), done_url=done_url)

    @path("prenumerera/tack/", name="subscribe_done")
    def subscribe_done_route(self, request):
        return TemplateResponse(request, "press/subscribe_done.html", self.get_context(request))

    @path("embargo/<str:token>/", name="embargo_preview")
    def embargo_preview_route(self, request, token):
        """The release under embargo for whoever holds the link from the media mailing: no login, never cached."""
        try:
            release = PressRelease.objects.filter(pk=embargo.read_token(token)).first()
            problem = None if release is not None else "invalid"
        except embargo.LinkExpired:
            release, problem = None, "expired"
        except embargo.LinkInvalid:
            release, problem = None, "invalid"
        if release is not None and is_live_now(release):
            response = HttpResponseRedirect(release.get_url(request))
        elif release is not None and embargo.embargo_time(release) is not None:
            approved = release.scheduled_revision.as_object()
            context = self.get_context(request)
            context.update(render_release_article(approved, self, request))
            context["embargo_mark"] = embargo.mark(approved.go_live_at)
            response = TemplateResponse(request, "press/embargo_preview.html", context)
        else:
            context = {**self.get_context(request), "problem": problem or "withdrawn"}
            response = TemplateResponse(
                request, "press/embargo_link_problem.html", context, status=410 if problem == "expired" else 404
            )
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return response

    @path("<slug:slug>/", name="release")
    def release_route(self, request, slug):
        # Kept per content version, like the listings: a publication renders it anew.
        release = cached("press-release", lambda: self.render_release(request, slug), self.pk, slug, request.get_host())
        context = self.get_context(request)
        context.update(release)
        return TemplateResponse(request, "press/press_release.html", context)
