"""Core page types, the snippets they share and the organisation's settings.

Reads top to bottom: snippets, then the settings, then the pages (home and
standard pages, news, projects, reports, funding and contact).
"""

from dataclasses import dataclass
from urllib.parse import urljoin

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Orderable, Page, Site
from wagtail.search import index

from home.blocks import BodyBlock, DocumentLinkBlock, document_info
from home.branding import EMAIL_LOGO, rendition_info
from home.content_cache import cached
from home.documents import public_documents
from home.visibility import PublicImageRenditionField

LISTING_IMAGE = "fill-480x270"
PAGE_IMAGE = "width-960"
PERSON_PHOTO = "fill-240x240"
HERO_IMAGE = "fill-1600x500"


def _renditions(image_field, *specs):
    """Prefetch the renditions a template will ask for of a select_related image.

    The same prefetch as ``ImageQuerySet.prefetch_renditions`` (Image.get_rendition
    reads ``prefetched_renditions``), one query cheaper than prefetching the images too.
    """
    Rendition = get_image_model().get_rendition_model()
    return Prefetch(
        f"{image_field}__renditions",
        queryset=Rendition.objects.filter(filter_spec__in=specs),
        to_attr="prefetched_renditions",
    )


class SingletonPageMixin:
    """For a page type that exists once (``max_count = 1``) and that other content links into."""

    @classmethod
    def live_page(cls, request=None):
        """The live, public page of this type, or None; looked up once per ``request`` when there is one."""
        if request is None:
            return cls.objects.live().public().first()
        attr_name = f"_live_{cls._meta.label_lower.replace('.', '_')}"
        if not hasattr(request, attr_name):
            setattr(request, attr_name, cls.objects.live().public().first())
        return getattr(request, attr_name)


class PublicUrlMixin:
    """For a snippet shown on a page of the site: its ``get_url()`` says where, this adds the absolute address."""

    @property
    def public_url(self):
        """Absolute address on the website (used in emails, feeds and the API), or None when not shown."""
        url = self.get_url()
        return f"{settings.SITE_URL}{url}" if url and url.startswith("/") else url


@dataclass(frozen=True)
class ListingFilter:
    """One <select> of a listing's filter form (home/includes/filter_form.html).

    ``value`` is what the visitor chose in the query parameter ``param`` (empty when
    nothing or nonsense was chosen); ``lookup`` is the queryset lookup it narrows the
    listing by; ``choices`` are the (value, text) pairs the form offers.
    """

    param: str
    lookup: str
    label: str
    all_label: str
    choices: list
    value: object

    @classmethod
    def offered(cls, request, *, param, choices, **fields):
        """A filter whose value is what ``request`` chose for ``param`` if it is one of ``choices``."""
        chosen = request.GET.get(param, "")
        value = next((value for value, _text in choices if str(value) == chosen), "")
        return cls(param=param, choices=choices, value=value, **fields)

    def apply(self, queryset):
        return queryset.filter(**{self.lookup: self.value}) if self.value else queryset


# Snippets


class Person(index.Indexed, models.Model):
    """A contact person: shown on the contact page and as the contact of a project."""

    name = models.CharField(_("namn"), max_length=200)
    role = models.CharField(_("roll"), max_length=200, blank=True, help_text=_("Till exempel Samordnare."))
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("Den organisation personen arbetar för.")
    )
    phone = models.CharField(_("telefon"), max_length=50, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("alternativtext för fotot"),
        max_length=250,
        blank=True,
        help_text=_("Beskriv fotot för den som inte ser det, till exempel ”Porträtt av Anna Andersson”."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Foto")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("role")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name

    def clean(self):
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": _("Skriv en alternativtext till fotot.")})

    def api_representation(self):
        """The person as the API shows them on pages (contact page, project contact)."""
        photo = self.photo.get_rendition(PERSON_PHOTO) if self.photo_id else None
        return {
            "name": self.name,
            "role": self.role,
            "organisation": self.organisation,
            "phone": self.phone,
            "email": self.email,
            "photo": {"url": photo.url, "width": photo.width, "height": photo.height} if photo else None,
            "photo_alt": self.photo_alt,
        }


class ReportKind(models.Model):
    """A kind of report (tertialrapport, årsredovisning, verksamhetsplan…); editors may add more."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    name_plural = models.CharField(_("namn i plural"), max_length=100, blank=True)

    panels = [FieldPanel("name"), FieldPanel("name_plural")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("rapporttyp")
        verbose_name_plural = _("rapporttyper")

    def __str__(self):
        return self.name


# Settings


@register_setting(icon="group")
class OrganisationSettings(ClusterableModel, BaseSiteSetting):
    """Who the association is: name, contact details, fact box and key messages.

    One place for what the footer, the contact page, press releases (the fact
    box) and emails all repeat.
    """

    name = models.CharField(_("namn"), max_length=200, default="Samordningsförbundet Lycksele")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logotyp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Visas i sidhuvudet och i pressrummets mediekit. Helst SVG."),
    )
    email_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logotyp för e-post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Logotypen som PNG eller JPEG, för utskick: alla e-postprogram visar inte SVG."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("delningsbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Visas när en sida delas i sociala medier och saknar egen bild. "
            "PNG eller JPEG, helst 1200 × 630 bildpunkter."
        ),
    )
    fact_box = RichTextField(
        _("faktaruta"),
        blank=True,
        features=["bold", "italic", "ul", "link"],
        help_text=_("Bakgrundsfakta om förbundet. Följer med varje pressmeddelande."),
    )
    key_messages = RichTextField(
        _("budskap"), blank=True, features=["bold", "italic", "ul", "link"], help_text=_("Förbundets grundbudskap.")
    )
    postal_address = models.TextField(_("postadress"), blank=True)
    visiting_address = models.TextField(_("besöksadress"), blank=True)
    phone = models.CharField(_("telefon"), max_length=50, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    organisation_number = models.CharField(_("organisationsnummer"), max_length=20, blank=True)

    select_related = ["logo", "email_logo", "share_image"]

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("email_logo"), FieldPanel("share_image")], heading=_("Grafisk profil")
        ),
        FieldPanel("fact_box"),
        FieldPanel("key_messages"),
        MultiFieldPanel(
            [
                FieldPanel("postal_address"),
                FieldPanel("visiting_address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("organisation_number"),
            ],
            heading=_("Kontaktuppgifter"),
        ),
        InlinePanel("principals", label=_("Huvudmän")),
    ]

    class Meta:
        verbose_name = _("organisation")

    @classmethod
    def email_context(cls, site=None):
        """The association's name and logo for the shared email layout (network/email/base.html).

        ``site`` defaults to the default site. The logo is the raster ``email_logo`` with
        an absolute address (SITE_URL): email clients neither show SVG nor know the site.
        """
        site = site or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return {}
        organisation = cls.for_site(site)
        logo = rendition_info(organisation.email_logo, EMAIL_LOGO)
        logo_url = logo["url"] if logo else ""
        if logo_url.startswith("/"):
            logo_url = settings.SITE_URL + logo_url
        return {"site_name": organisation.name, "logo_url": logo_url}

    @classmethod
    def for_request(cls, request):
        """Once per request, as Wagtail does, and kept across requests per content version:
        every public page reads these settings, and saving them replaces the version."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            setattr(request, attr_name, cached("organisation-settings", lambda: cls.for_site(site), site.pk))
        return getattr(request, attr_name)


class Principal(Orderable):
    """One of the four principals (huvudmän) and a link to its website."""

    settings = ParentalKey(OrganisationSettings, related_name="principals", on_delete=models.CASCADE)
    name = models.CharField(_("namn"), max_length=200)
    url = models.URLField(_("webbplats"))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logotyp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Visas i sidfoten. Huvudmannens namn blir bildens alternativtext."),
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo")]

    class Meta(Orderable.Meta):
        verbose_name = _("huvudman")
        verbose_name_plural = _("huvudmän")

    def __str__(self):
        return self.name


# Pages


class HomePage(Page):
    """The start page. Sections below the introduction come from the
    ``home_page_sections`` hook, so plugins add theirs without home importing them."""

    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link"])
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("toppbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Valfri bild överst på startsidan, helst minst 1600 bildpunkter bred."),
    )
    hero_image_alt = models.CharField(
        _("alternativtext för toppbilden"),
        max_length=250,
        blank=True,
        help_text=_("Beskriv bilden för den som inte ser den. Lämna tomt om bilden bara är dekoration."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Toppbild")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [
        APIField("intro"),
        APIField("hero_image", serializer=PublicImageRenditionField(HERO_IMAGE)),
        APIField("hero_image_alt"),
        APIField("body"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("startsida")

    def get_sitemap_urls(self, request=None):
        """The home page, and the network signup: a view of the network's own, outside the page tree."""
        signup = urljoin(self.get_full_url(request), reverse("network:signup"))
        return [*super().get_sitemap_urls(request), {"location": signup}]

    def get_sections(self, request):
        """Render each registered section; a hook returns HTML or None."""
        sections = []
        for hook in hooks.get_hooks("home_page_sections"):
            html = hook(request, self)
            if html:
                sections.append(html)
        return sections

    def render_sections(self, request):
        """The latest news, the ongoing projects and the hooks' sections, as HTML."""
        context = {
            "latest_news": NewsPage.listing(NewsPage.objects.live().public().descendant_of(self))[:3],
            "current_projects": ProjectPage.listing(
                ProjectPage.objects.live().public().descendant_of(self).filter(status=ProjectPage.Status.ONGOING)
            )[:6],
            "sections": self.get_sections(request),
        }
        return render_to_string("home/includes/home_sections.html", context, request=request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The sections aggregate other pages and snippets: kept per content version,
        # so only a publication (anywhere) renders them anew.
        context["home_sections"] = cached(
            "home-sections", lambda: self.render_sections(request), self.pk, request.get_host()
        )
        return context


class StandardPage(Page):
    """A page of text and blocks: about the association, accessibility, privacy."""

    intro = models.TextField(_("ingress"), blank=True, help_text=_("En kort sammanfattning som visas överst."))
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]
    # Below a standard page: more standard pages, and any page type that names StandardPage as its
    # parent (a plugin's page such as the board's minutes under /om-forbundet/).
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standardsida")

    def section_navigation(self):
        """The section this page belongs to (its ancestor just below the home page) and the section's
        live, public pages, when it has any: the sub-navigation of pages such as "Om förbundet"."""
        section = self if self.depth <= 3 else self.get_ancestors().filter(depth=3).specific().first()
        if section is None:
            return None
        pages = list(section.get_children().live().public().only("title", "url_path", "path", "depth"))
        if not pages:
            return None
        current_branch = next((page for page in pages if self.path.startswith(page.path)), None)
        children = (
            list(current_branch.get_children().live().public().only("title", "url_path"))
            if current_branch is not None
            else []
        )
        return {"section": section, "pages": pages, "current_branch": current_branch, "branch_children": children}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subnav"] = self.section_navigation()
        return context


class AnnouncedPageMixin:
    """A page whose first publication is announced to mailing lists (see home.signals).

    ``announce_lists`` names the lists; ``announce_template`` the email
    templates (``.html`` and ``.txt``) the network renders.
    """

    announce_lists = ()
    announce_template = ""

    def announce_subject(self):
        return self.title


class ListingPage(Page):
    """The base of the section listings (news, projects, reports).

    Each sits once under the home page, opens with an intro and lists its live, public
    children, narrowed by the filters the visitor chose (home/includes/filter_form.html).
    A subclass offers its ``filters`` and hands the filtered pages to its ``listing_template``
    in ``listing_context``; the rendered listing is kept per content version and query
    string (home.content_cache), so only a publication renders it anew. It declares
    ``intro`` itself, and ``per_page`` when it paginates: their help texts and defaults
    name the listing, and moving them here would change them.
    """

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    def listed_pages(self):
        """The live, public children (of the listing's one subpage type)."""
        (model,) = self.clean_subpage_models()
        return model.objects.child_of(self).live().public()

    def filters(self, request, pages):
        """The ``ListingFilter``s offered over ``pages``, with the values ``request`` chose."""
        return []

    def listing_context(self, request, pages):
        """What the template shows of the filtered ``pages``."""
        raise NotImplementedError

    def render_listing(self, request):
        """The filters and the filtered, paginated children as HTML (``listing_template``)."""
        pages = self.listed_pages()
        filters = self.filters(request, pages)
        for listing_filter in filters:
            pages = listing_filter.apply(pages)
        context = {
            "page": self,
            **self.listing_context(request, pages),
            "filters": filters,
            "is_filtered": any(listing_filter.value for listing_filter in filters),
        }
        return render_to_string(self.listing_template, context, request=request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The listing aggregates the children: kept per content version and query string.
        context["listing"] = cached(
            "listing", lambda: self.render_listing(request), self.pk, request.get_host(), sorted(request.GET.lists())
        )
        return context

    def paginate(self, request, pages):
        """The requested page of ``pages``, ``per_page`` to a page.

        A page past the end or a malformed page number is a 404.
        """
        raw = request.GET.get("sida", "1")
        if not raw.isdigit() or len(raw) > 6:
            raise Http404(_("Sidan finns inte."))
        try:
            return Paginator(pages, max(self.per_page, 1)).page(int(raw))
        except EmptyPage as error:
            raise Http404(_("Sidan finns inte.")) from error

    @staticmethod
    def year_filter(request, pages, date_field, label):
        """A filter on the year of ``date_field``, offering the years ``pages`` have, newest first."""
        years = pages.exclude(**{date_field: None}).dates(date_field, "year", order="DESC")
        # Only an offered year: any other (?ar=10000) would reach the database as a date out of range.
        return ListingFilter.offered(
            request,
            param="ar",
            lookup=f"{date_field}__year",
            label=label,
            all_label=_("Alla år"),
            choices=[(day.year, day.year) for day in years],
        )


# News


class NewsIndexPage(RoutablePageMixin, ListingPage):
    """The news listing at /nyheter/, with tag and year filters and RSS/Atom feeds."""

    intro = models.TextField(_("ingress"), blank=True, help_text=_("Visas överst i nyhetslistan."))
    per_page = models.PositiveSmallIntegerField(
        _("nyheter per sida"), default=10, help_text=_("Hur många nyheter som visas på varje sida i listan.")
    )

    content_panels = ListingPage.content_panels + [FieldPanel("per_page")]
    subpage_types = ["home.NewsPage"]
    listing_template = "home/includes/news_listing.html"

    class Meta:
        verbose_name = _("nyhetslista")

    def filters(self, request, pages):
        return [
            ListingFilter.offered(
                request,
                param="tagg",
                lookup="tags__slug",
                label=_("Ämne"),
                all_label=_("Alla ämnen"),
                choices=[(tag.slug, tag.name) for tag in NewsPageTag.used_tags(pages)],
            ),
            self.year_filter(request, pages, "date", _("År")),
        ]

    def listing_context(self, request, pages):
        return {"news_page": self.paginate(request, NewsPage.listing(pages))}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(rss_url=self.url + self.reverse_subpage("rss"), atom_url=self.url + self.reverse_subpage("atom"))
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return super().index_route(request, *args, **kwargs)

    @path("feed/", name="rss")
    def rss_feed(self, request):
        from home.feeds import news_feed

        return news_feed(self, request, "rss")

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from home.feeds import news_feed

        return news_feed(self, request, "atom")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)

    @classmethod
    def used_tags(cls, pages):
        """The tags used on ``pages``, each once, in name order."""
        from taggit.models import Tag

        return Tag.objects.filter(home_newspagetag_items__content_object__in=pages).distinct().order_by("name")


class NewsPage(AnnouncedPageMixin, Page):
    """One news item; its first publication is announced to the network."""

    date = models.DateField(_("datum"), default=timezone.localdate, help_text=_("Nyhetens datum, visas i listan."))
    lead = models.TextField(_("ingress"), help_text=_("En eller två meningar som sammanfattar nyheten."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternativtext"),
        max_length=250,
        blank=True,
        help_text=_("Beskriv bilden för den som inte ser den. Krävs när nyheten har en bild."),
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
            .prefetch_related(_renditions("image", LISTING_IMAGE), "tags")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["project"] = (
            ProjectPage.objects.live().public().filter(pk=self.related_project_id).only("title", "url_path").first()
            if self.related_project_id
            else None
        )
        context["index_url"] = self.index_url
        return context

    @property
    def index_url(self):
        """The address of the news listing this page is in, without a query for the parent page."""
        return self.url.removesuffix(f"{self.slug}/")


# Projects


class ProjectIndexPage(ListingPage):
    """The decided projects and activities at /projekt/, current ones first."""

    intro = models.TextField(_("ingress"), blank=True, help_text=_("Visas överst i projektlistan."))
    per_page = models.PositiveSmallIntegerField(
        _("projekt per sida"), default=20, help_text=_("Hur många projekt som visas på varje sida i listan.")
    )

    content_panels = ListingPage.content_panels + [FieldPanel("per_page")]
    subpage_types = ["home.ProjectPage"]
    listing_template = "home/includes/project_listing.html"

    class Meta:
        verbose_name = _("projektlista")

    def filters(self, request, pages):
        return [
            ListingFilter.offered(
                request,
                param="status",
                lookup="status",
                label=_("Status"),
                all_label=_("Alla"),
                choices=ProjectPage.Status.choices,
            ),
            self.year_filter(request, pages, "decision_date", _("Beslutsår")),
        ]

    def listing_context(self, request, pages):
        return {"projects_page": self.paginate(request, ProjectPage.listing(pages))}


class ProjectPage(Page):
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
        context["related_news"] = NewsPage.objects.live().public().filter(related_project=self).order_by("-date")[:10]
        context["contact"] = (
            Person.objects.select_related("photo").filter(pk=self.contact_person_id).first()
            if self.contact_person_id
            else None
        )
        return context


# Reports


class ReportIndexPage(ListingPage):
    """Tertial reports, annual reports and plans at /rapporter/, grouped by year, newest first."""

    intro = models.TextField(_("ingress"), blank=True, help_text=_("Visas överst i rapportlistan."))

    subpage_types = ["home.ReportPage"]
    listing_template = "home/includes/report_listing.html"

    class Meta:
        verbose_name = _("rapportlista")

    def filters(self, request, pages):
        """The kind filter, while there is more than one kind to choose from (or one was chosen)."""
        kind_filter = ListingFilter.offered(
            request,
            param="typ",
            lookup="kind_id",
            label=_("Typ av rapport"),
            all_label=_("Alla typer"),
            choices=[
                (kind.pk, kind.name_plural or kind.name)
                for kind in ReportKind.objects.filter(reports__in=pages).distinct()
            ],
        )
        return [kind_filter] if len(kind_filter.choices) > 1 or kind_filter.value else []

    def listing_context(self, request, pages):
        return {"reports": pages.select_related("kind", "document").order_by("-year", "kind__name", "title")}


class ReportPage(AnnouncedPageMixin, Page):
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


# Applying for funds


class FundingFormField(AbstractFormField):
    page = ParentalKey("home.FundingPage", on_delete=models.CASCADE, related_name="form_fields")


class FundingPage(AbstractEmailForm):
    """How to apply for funds at /soka-medel/: guidance, the forms to download and an online application.

    Submissions are stored (Wagtail's form submissions) and emailed to the
    coordinator, and the applicant gets a receipt; a honeypot field and a per-address rate limit keep robots out
    (see home.forms).
    """

    intro = models.TextField(_("ingress"), blank=True, help_text=_("Vem kan söka och för vad, i korthet."))
    body = StreamField(
        BodyBlock(), verbose_name=_("vägledning"), blank=True, help_text=_("Vem som kan söka, hur och när.")
    )
    forms_collection = models.ForeignKey(
        Collection,
        verbose_name=_("samling med blanketter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Dokumenten i den här samlingen visas som blanketter att ladda ner."),
    )
    thank_you_text = RichTextField(
        _("tack-text"), blank=True, help_text=_("Visas när ansökan har skickats."), features=["bold", "italic", "link"]
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("forms_collection"),
        InlinePanel("form_fields", label=_("Fält i ansökningsformuläret")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-post till samordnaren"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body"), APIField("forms")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("sida för att söka medel")

    def get_form_class(self):
        from home.forms import FundingFormBuilder

        return FundingFormBuilder(self.get_form_fields()).get_form_class()

    def form_documents(self):
        if self.forms_collection_id is None:
            return get_document_model().objects.none()
        return public_documents().filter(collection_id=self.forms_collection_id).order_by("title")

    @property
    def forms(self):
        return [document_info(document) for document in self.form_documents()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["form_documents"] = self.form_documents()
        return context

    def process_form_submission(self, form):
        """Store the application, email it to the coordinator and send the applicant a receipt."""
        from home.forms import send_receipt

        submission = super().process_form_submission(form)
        send_receipt(self, form)
        return submission

    def serve(self, request, *args, **kwargs):
        from home.forms import honeypot_filled, rate_limited

        if request.method == "POST":
            if rate_limited(request):
                context = self.get_context(request)
                context["form"] = self.get_form(page=self, user=request.user)
                context["rate_limited"] = True
                return render(request, self.get_template(request), context, status=429)
            if honeypot_filled(request):
                return render(request, self.get_landing_page_template(request), self.get_context(request))
        return super().serve(request, *args, **kwargs)


# Contact


class ContactPagePerson(Orderable):
    page = ParentalKey("home.ContactPage", on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("person")]
    api_fields = [APIField("details")]

    class Meta(Orderable.Meta):
        verbose_name = _("kontaktperson på sidan")
        verbose_name_plural = _("kontaktpersoner på sidan")

    @property
    def details(self):
        return self.person.api_representation()


class ContactPage(Page):
    """The contact page at /kontakt/: the association's contact details and its people."""

    intro = models.TextField(_("ingress"), blank=True, help_text=_("Visas överst på sidan."))
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("people", label=_("Kontaktpersoner")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("people"), APIField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("kontaktsida")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["people"] = [
            item.person
            for item in self.people.select_related("person__photo").prefetch_related(
                _renditions("person__photo", PERSON_PHOTO)
            )
        ]
        return context
