"""StreamField blocks of a press release body: the shared blocks plus a press image with credit."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from home.blocks import DocumentListBlock, QuoteBlock


class PressImageBlock(blocks.StructBlock):
    """An image the media may use: offered for download in full size, always with its credit."""

    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(label=_("Alternativtext"), help_text=_("Beskriv bilden för den som inte ser den."))
    caption = blocks.CharBlock(label=_("Bildtext"), required=False)
    credit = blocks.CharBlock(label=_("Fotograf/källa"), required=False)

    class Meta:
        icon = "image"
        label = _("Pressbild")
        template = "press/blocks/press_image.html"
        description = _("En bild som medierna får använda, med bildtext och fotograf.")


class PressReleaseBodyBlock(blocks.StreamBlock):
    """What a press release is written with: text, images, quotes, documents and embeds."""

    paragraph = blocks.RichTextBlock(label=_("Text"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    image = PressImageBlock()
    quote = QuoteBlock()
    documents = DocumentListBlock()
    embed = EmbedBlock(label=_("Inbäddad media"), help_text=_("Länk till till exempel en video."))
