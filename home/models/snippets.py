"""The snippets the pages share: contact persons and kinds of report."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from home.associations import AssociationOwned
from home.models.images import PERSON_PHOTO, alt_text_field, image_field


class Person(AssociationOwned, index.Indexed, models.Model):
    """A contact person: shown on the contact page and as the contact of a project."""

    name = models.CharField(_("namn"), max_length=200)
    role = models.CharField(_("roll"), max_length=200, blank=True, help_text=_("Till exempel Samordnare."))
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("Den organisation personen arbetar för.")
    )
    phone = models.CharField(_("telefon"), max_length=50, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    photo = image_field(_("foto"))
    photo_alt = alt_text_field(
        _("alternativtext för fotot"),
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
