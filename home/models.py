"""Core page types and the organisation's settings that every app builds on."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock


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

    panels = [
        FieldPanel("name"),
        FieldPanel("logo"),
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


class Principal(Orderable):
    """One of the four principals (huvudmän) and a link to its website."""

    settings = ParentalKey(OrganisationSettings, related_name="principals", on_delete=models.CASCADE)
    name = models.CharField(_("namn"), max_length=200)
    url = models.URLField(_("webbplats"))

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("huvudman")
        verbose_name_plural = _("huvudmän")

    def __str__(self):
        return self.name


class HomePage(Page):
    """The start page. Sections below the introduction come from the
    ``home_page_sections`` hook, so plugins add theirs without home importing them."""

    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("startsida")

    def get_sections(self, request):
        """Render each registered section; a hook returns HTML or None."""
        sections = []
        for hook in hooks.get_hooks("home_page_sections"):
            html = hook(request, self)
            if html:
                sections.append(html)
        return sections

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_sections(request)
        return context


class StandardPage(Page):
    """A page of text and blocks: about the association, contact, privacy, accessibility."""

    intro = models.TextField(_("ingress"), blank=True, help_text=_("En kort sammanfattning som visas överst."))
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standardsida")
