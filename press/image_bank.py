"""The press image bank: images the media may use, each with photographer, credit, licence and alt text.

An image of the library becomes a press image when the coordinator fills in who took it,
how it is credited and under which licence: nothing of that is optional, so every image
the press room offers (and every image a release lists) can be published as it is. The
release's own main image and the images in its body carry their credit in the release;
:func:`image_problems` refuses publication while one of them lacks it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from home.associations import AssociationOwned

# The web size is a rendition light enough for an online article; print takes the original file.
WEB_SIZE = "max-1600x1600|format-jpeg|jpegquality-85"
THUMBNAIL = "fill-480x320"
WEB, PRINT = "webb", "tryck"
DOWNLOAD_SIZES = {WEB: _("Webb"), PRINT: _("Tryck")}

IMAGE_CREDIT_MISSING = _(
    "Pressmeddelandet kan inte publiceras: %(image)s saknar fotograf/källa. "
    "Fyll i vem som tagit bilden och försök igen."
)
IMAGE_ALT_MISSING = _("Skriv en alternativtext som beskriver huvudbilden för den som inte ser den.")


class Licence(models.TextChoices):
    """The terms under which the media may use a press image."""

    CC_BY = "cc-by-4.0", _("Creative Commons Erkännande 4.0: fri användning med angiven fotograf")
    EDITORIAL = "redaktionell", _("Fri för redaktionell användning om förbundet, med angiven fotograf")
    CC0 = "cc0", _("CC0: fri användning utan villkor")


def required(message):
    return {"blank": message, "null": message, "required": message}


class PressImageForm(WagtailAdminModelForm):
    """The admin form says what is missing in the model's own Swedish words, not Django's generic ones."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            messages = self._meta.model._meta.get_field(name).error_messages
            field.error_messages.update(
                {key: messages[key] for key in ("required", "invalid_choice") if key in messages}
            )


class PressImage(AssociationOwned):
    """An image in the press room's image bank, with everything the media need to publish it."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bild"),
        on_delete=models.CASCADE,
        related_name="+",
        error_messages=required(_("Välj en bild ur bildbanken.")),
    )
    title = models.CharField(
        _("bildtext"), max_length=255, error_messages=required(_("Skriv en bildtext: vad visar bilden?"))
    )
    alt_text = models.CharField(
        _("alternativtext"),
        max_length=250,
        help_text=_("Beskriv bilden för den som inte ser den."),
        error_messages=required(_("Skriv en alternativtext som beskriver bilden för den som inte ser den.")),
    )
    photographer = models.CharField(
        _("fotograf"), max_length=200, error_messages=required(_("Skriv vem som har tagit bilden."))
    )
    credit = models.CharField(
        _("byline"),
        max_length=255,
        help_text=_("Så ska bilden krediteras, till exempel ”Foto: Anna Andersson/Samordningsförbundet Lycksele”."),
        error_messages=required(_("Skriv hur bilden ska krediteras (byline).")),
    )
    licence = models.CharField(
        _("licens"),
        max_length=20,
        choices=Licence.choices,
        error_messages=required(_("Välj under vilken licens medierna får använda bilden."))
        | {"invalid_choice": _("Välj en av licenserna i listan.")},
    )
    created_at = models.DateTimeField(_("tillagd"), auto_now_add=True)

    base_form_class = PressImageForm

    panels = [
        FieldPanel("image"),
        FieldPanel("title"),
        FieldPanel("alt_text"),
        FieldPanel("photographer"),
        FieldPanel("credit"),
        FieldPanel("licence"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pressbild")
        verbose_name_plural = _("pressbilder")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        blank = {
            field: self._meta.get_field(field).error_messages["blank"]
            for field in ("title", "alt_text", "photographer", "credit")
            if getattr(self, field) and not getattr(self, field).strip()
        }
        if blank:
            raise ValidationError(blank)

    def download_name(self, size):
        """The file name a download is saved under: the caption, the size and the file's own extension."""
        extension = "jpg" if size == WEB and not self.image.is_svg() else self.image.file.name.rsplit(".", 1)[-1]
        return f"{slugify(self.title) or 'pressbild'}-{size}.{extension.lower()}"


class PressReleaseImage(Orderable):
    """A press image that a release lists (with its credit and downloads) below the text."""

    release = ParentalKey("press.PressRelease", related_name="images", on_delete=models.CASCADE)
    press_image = models.ForeignKey(
        PressImage,
        verbose_name=_("pressbild"),
        on_delete=models.CASCADE,
        related_name="+",
        error_messages=required(_("Välj en pressbild.")),
    )

    panels = [FieldPanel("press_image")]

    class Meta(Orderable.Meta):
        verbose_name = _("pressbild")
        verbose_name_plural = _("pressbilder")


def image_problems(release):
    """Why ``release`` may not be published yet for its images (Swedish messages), or an empty list.

    Its main image and each image in its body need a credit, the main image an alt text;
    the images it lists from the image bank are complete by construction.
    """
    problems = []
    if release.main_image_id and not release.main_image_alt.strip():
        problems.append(IMAGE_ALT_MISSING)
    if release.main_image_id and not release.main_image_credit.strip():
        problems.append(IMAGE_CREDIT_MISSING % {"image": _("huvudbilden")})
    for block in release.body:
        if block.block_type == "image" and not (block.value.get("credit") or "").strip():
            problems.append(IMAGE_CREDIT_MISSING % {"image": _("bilden ”%(alt)s”") % {"alt": block.value["alt_text"]}})
    return problems


class ImageCreditMissingError(ValidationError):
    """Raised when a release would be published with an image that has no credit or alt text."""

    def __init__(self, problems):
        super().__init__(problems, code="image_credit_missing")


def require_image_credits(release):
    """Raise :class:`ImageCreditMissingError` when ``release``'s images are not ready for publication."""
    problems = image_problems(release)
    if problems:
        raise ImageCreditMissingError(problems)
