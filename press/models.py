"""Press releases and the press room.

A press release is a snippet with the whole editorial stack (drafts, revisions,
locking, preview, the board's approval workflow), built like bakerydemo's
``Person``. The press room is the one page that shows the published releases,
each under its own sub-URL, with the media kit.
"""

from csp.decorators import csp_update
from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
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

from home.blocks import DocumentListBlock
from home.content_cache import cached
from home.models import (
    AssociationOwned,
    ListingPage,
    OrganisationSettings,
    Person,
    ProjectPage,
    PublicUrlMixin,
    SingletonPageMixin,
)
from home.publishing import Announced
from home.query_params import paginate, redirect_renamed_parameters
from press import conf
from press.blocks import PressReleaseBodyBlock
from press.facts import current_fact_box, freeze_fact_box
from press.feeds import PressReleaseAtomFeed, PressReleaseFeed
from press.forms import PressReleaseForm
from press.panels import ApprovalProgressPanel, FactBoxPanel, MailingProgressPanel, ReviewPublishingPanel
from press.workflows import BoardApproval, BoardDecisionTask

__all__ = ["PressRelease", "PressReleaseContact", "PressRoomPage", "BoardDecisionTask", "BoardApproval"]

RESERVED_SLUGS = {"feed"}
# The press room's old query parameters, now named as in the site's listings.
RENAMED_PARAMETERS = {"year": "ar", "page": "sida"}


class PressRelease(
    AssociationOwned,
    Announced,
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
        InlinePanel("contacts", label=_("Kontaktperson"), heading=_("Kontaktpersoner")),
        PageChooserPanel("related_page", page_type="home.ProjectPage"),
        FieldPanel("distribution", widget=forms.CheckboxSelectMultiple),
        FactBoxPanel(heading=_("Faktaruta")),
        ApprovalProgressPanel(heading=_("Styrelsebeslut")),
        MailingProgressPanel(heading=_("Utskick")),
        ReviewPublishingPanel(),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("lead"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("live"),
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
        """Freeze the fact box and publish in one transaction; refused while the fact box is empty.

        Every route to publishing (the editor, the board's approval, scheduled
        publishing) ends here, so the announcement made by the ``published``
        signal joins the same transaction.
        """
        with transaction.atomic():
            freeze_fact_box(self)
            return super().publish(revision, user=user, **kwargs)

    @property
    def effective_fact_box(self):
        """The frozen fact box, or (before the first publication, e.g. in preview) the current one."""
        return self.fact_box or current_fact_box()

    @property
    def contact_people(self):
        """The release's contact persons, in the editor's order."""
        return [contact.person for contact in self.contacts.all() if contact.person]

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

    @cached_property
    def press_room(self):
        return PressRoomPage.objects.live().first()

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
    return {
        "release_title": release.title,
        "release_lead": release.lead,
        "release_updated": release.last_published_at,
        "release_html": render_to_string("press/includes/release_article.html", context, request=request),
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


class PressRoomPage(SingletonPageMixin, RoutablePageMixin, Page):
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
    max_count = 1

    class Meta:
        verbose_name = _("pressrum")

    def release_url(self, release, request=None):
        return self.get_url(request=request) + self.reverse_subpage("release", kwargs={"slug": release.slug})

    @staticmethod
    def live_releases():
        return PressRelease.objects.filter(live=True).order_by("-first_published_at", "-pk")

    @path("")
    def index_route(self, request):
        moved = redirect_renamed_parameters(request, RENAMED_PARAMETERS)
        if moved:
            return moved
        releases = self.live_releases().only("title", "slug", "lead", "first_published_at")
        year = ListingPage.year_filter(request, releases, "first_published_at", _("År"))
        page_obj = paginate(request, year.apply(releases), conf.get("PRESS_PAGE_SIZE"))
        base_url = self.get_url(request=request)
        for release in page_obj:
            release.page_url = base_url + self.reverse_subpage("release", kwargs={"slug": release.slug})
        return self.render(
            request,
            context_overrides={"page_obj": page_obj, "filters": [year], "is_filtered": bool(year.value)},
        )

    @path("feed/", name="rss")
    def feed_route(self, request):
        return PressReleaseFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed_route(self, request):
        return PressReleaseAtomFeed(self)(request)

    def get_sitemap_urls(self, request=None):
        """The press room and each published release below it."""
        base_url = self.get_full_url(request)
        releases = [
            {
                "location": base_url + self.reverse_subpage("release", kwargs={"slug": release.slug}),
                "lastmod": release.last_published_at,
            }
            for release in self.live_releases().only("slug", "last_published_at")
        ]
        return [*super().get_sitemap_urls(request), *releases]

    def render_release(self, request, slug):
        """The live release ``slug`` rendered (``render_release_article``); 404 when there is none."""
        release = (
            self.live_releases()
            .select_related("main_image", "related_page")
            .prefetch_related("contacts__person")
            .filter(slug=slug)
            .first()
        )
        if release is None:
            raise Http404
        return render_release_article(release, self, request)

    @path("<slug:slug>/", name="release")
    def release_route(self, request, slug):
        # Kept per content version, like the listings: a publication renders it anew.
        release = cached("press-release", lambda: self.render_release(request, slug), self.pk, slug, request.get_host())
        context = self.get_context(request)
        context.update(release)
        return TemplateResponse(request, "press/press_release.html", context)
