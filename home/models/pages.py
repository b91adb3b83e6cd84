"""The site's own pages: the start page, standard pages and the contact page."""

from urllib.parse import urljoin

from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.content_cache import cached
from home.models.content import NewsPage, ProjectPage
from home.models.images import HERO_IMAGE, PERSON_PHOTO, alt_text_field, image_field, prefetch_renditions
from home.models.mixins import ServedPageMixin
from home.models.snippets import Person
from home.visibility import PublicImageRenditionField, public_pages


class HomePage(ServedPageMixin, Page):
    """The start page. Sections below the introduction come from the
    ``home_page_sections`` hook, so plugins add theirs without home importing them."""

    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link"])
    hero_image = image_field(
        _("toppbild"), help_text=_("Valfri bild överst på startsidan, helst minst 1600 bildpunkter bred.")
    )
    hero_image_alt = alt_text_field(
        _("alternativtext för toppbilden"),
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
            "latest_news": NewsPage.listing(public_pages(NewsPage.objects.live().descendant_of(self)))[:3],
            "current_projects": ProjectPage.listing(
                public_pages(ProjectPage.objects.live().descendant_of(self).filter(status=ProjectPage.Status.ONGOING))
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


class StandardPage(ServedPageMixin, Page):
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

    @classmethod
    def allowed_subpage_models(cls):
        """Only page types that name a standard page as their parent (not every unrestricted type)."""
        models = super().allowed_subpage_models()
        return [model for model in models if "home.StandardPage" in (getattr(model, "parent_page_types", None) or ())]

    def section_navigation(self):
        """The section this page belongs to (its ancestor just below the home page) and the section's
        live, public pages, when it has any: the sub-navigation of pages such as "Om förbundet"."""
        section = self if self.depth <= 3 else self.get_ancestors().filter(depth=3).specific().first()
        if section is None:
            return None
        pages = list(public_pages(section.get_children().live()).only("title", "url_path", "path", "depth"))
        if not pages:
            return None
        current_branch = next((page for page in pages if self.path.startswith(page.path)), None)
        children = (
            list(public_pages(current_branch.get_children().live()).only("title", "url_path"))
            if current_branch is not None
            else []
        )
        return {"section": section, "pages": pages, "current_branch": current_branch, "branch_children": children}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subnav"] = self.section_navigation()
        return context


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


class ContactPage(ServedPageMixin, Page):
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
                prefetch_renditions("person__photo", PERSON_PHOTO)
            )
        ]
        return context
