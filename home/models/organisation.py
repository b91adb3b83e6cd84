"""Who the association is: the organisation's settings and its principals (huvudmän)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Site
from wagtail.rich_text import expand_db_html

from home.associations import root_url
from home.branding import EMAIL_LOGO, contrast_with_white, rendition_info
from home.content_cache import cached
from home.models.images import image_field


@register_setting(icon="group")
class OrganisationSettings(ClusterableModel, BaseSiteSetting):
    """Who the association is: name, contact details, fact box and key messages.

    One place for what the footer, the contact page, press releases (the fact
    box) and emails all repeat.
    """

    name = models.CharField(_("namn"), max_length=200, default="Samordningsförbundet Lycksele")
    logo = image_field(_("logotyp"), help_text=_("Visas i sidhuvudet och i pressrummets mediekit. Helst SVG."))
    email_logo = image_field(
        _("logotyp för e-post"),
        help_text=_("Logotypen som PNG eller JPEG, för utskick: alla e-postprogram visar inte SVG."),
    )
    share_image = image_field(
        _("delningsbild"),
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
    brand_colour = models.CharField(
        _("profilfärg"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Ange färgen som #rrggbb, till exempel #005a7e."))],
        help_text=_("Sidhuvudets och knapparnas färg som #rrggbb. Tomt: webbplatsens standardfärg."),
    )
    sender_name = models.CharField(
        _("avsändarnamn"), max_length=200, blank=True, help_text=_("Namnet som utskick kommer från. Tomt: namnet ovan.")
    )
    sender_email = models.EmailField(
        _("avsändaradress"),
        blank=True,
        help_text=_("Adressen som utskick kommer från. Tomt: installationens standardadress."),
    )
    reply_to = models.EmailField(
        _("svarsadress"), blank=True, help_text=_("Dit svar på utskick går. Tomt: förbundets e-postadress.")
    )
    # The association's people (home.associations); set by init_site and create_association.
    coordinator_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("samordnare"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    board_group = models.ForeignKey(
        "auth.Group", verbose_name=_("styrelse"), null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    preparation_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("beredningsgrupp"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

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
        MultiFieldPanel(
            [FieldPanel("sender_name"), FieldPanel("sender_email"), FieldPanel("reply_to"), FieldPanel("brand_colour")],
            heading=_("Utskick och färg"),
        ),
        InlinePanel("principals", label=_("Huvudmän")),
    ]

    class Meta:
        verbose_name = _("organisation")

    # WCAG 2.1 AA for normal text: the colour carries links on white and white text on buttons.
    MIN_CONTRAST = 4.5

    def clean(self):
        super().clean()
        colour = self.brand_colour
        if colour and re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
            ratio = contrast_with_white(colour)
            if ratio < self.MIN_CONTRAST:
                raise ValidationError(
                    {
                        "brand_colour": _(
                            "Färgen ger för låg kontrast mot vitt (%(ratio)s:1). Tillgänglighetskraven (WCAG 2.1 AA) "
                            "kräver minst 4,5:1; välj en mörkare nyans."
                        )
                        % {"ratio": f"{ratio:.1f}".replace(".", ",")}
                    }
                )

    @classmethod
    def email_context(cls, site=None):
        """What the association's emails say about it (network/email/base.html and the sender).

        ``site`` defaults to the default site. Its name, its logo (the raster ``email_logo``
        on the association's own address, home.associations.root_url: email clients neither
        show SVG nor know the site), its fact box (HTML), the footer's postal
        address, and the sender: name (else the association's name), address and reply-to
        (else its email address). JSON-serialisable: a mailing stores it.
        """
        site = site or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return {}
        organisation = cls.for_site(site)
        logo = rendition_info(organisation.email_logo, EMAIL_LOGO)
        logo_url = logo["url"] if logo else ""
        if logo_url.startswith("/"):
            logo_url = root_url(site) + logo_url
        fact_box = expand_db_html(organisation.fact_box or "")
        address = [line.strip() for line in organisation.postal_address.splitlines()]
        return {
            "site_name": organisation.name,
            "site_url": root_url(site),
            "logo_url": logo_url,
            "fact_box": fact_box if strip_tags(fact_box).strip() else "",
            "footer_address": ", ".join(line for line in address if line),
            "sender_name": organisation.sender_name or organisation.name,
            "sender_email": organisation.sender_email,
            "reply_to": organisation.reply_to or organisation.email,
        }

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
    logo = image_field(_("logotyp"), help_text=_("Visas i sidfoten. Huvudmannens namn blir bildens alternativtext."))

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo")]

    class Meta(Orderable.Meta):
        verbose_name = _("huvudman")
        verbose_name_plural = _("huvudmän")

    def __str__(self):
        return self.name
