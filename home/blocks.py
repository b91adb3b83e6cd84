"""StreamField blocks shared by every page type and by the plugins' content."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from home.visibility import is_public


def document_info(document):
    """A document as another site links to it: title, URL, type and size (None unless it is public)."""
    if not is_public(document):
        return None
    return {
        "id": document.pk,
        "title": document.title,
        "url": document.url,
        "file_extension": document.file_extension,
        "file_size": document.file_size,
    }


class DocumentListBlock(blocks.StructBlock):
    """A titled list of downloadable documents, such as the application forms."""

    heading = blocks.CharBlock(label=_("Rubrik"), required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Dokument")), label=_("Dokument"))

    class Meta:
        icon = "doc-full"
        label = _("Dokumentlista")
        template = "home/blocks/document_list.html"
        description = _("En lista med dokument att ladda ner, till exempel blanketter.")


class QuoteBlock(blocks.StructBlock):
    """A quotation with the name of the person quoted."""

    quote = blocks.TextBlock(label=_("Citat"))
    attribution = blocks.CharBlock(label=_("Vem som citeras"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citat")
        template = "home/blocks/quote.html"
        preview_value = {"quote": "Samverkan ger individen fler vägar framåt.", "attribution": "Samordnaren"}
        description = _("Ett citat med källa.")


class CallToActionBlock(blocks.StructBlock):
    """A prominent link that asks the reader to do one thing."""

    text = blocks.CharBlock(label=_("Text"))
    page = blocks.PageChooserBlock(label=_("Sida"), required=False)
    url = blocks.URLBlock(label=_("Extern länk"), required=False)

    class Meta:
        icon = "link"
        label = _("Uppmaning (knapp)")
        template = "home/blocks/call_to_action.html"
        description = _("En framträdande länk till en sida eller en extern adress.")


class BodyBlock(blocks.StreamBlock):
    """The body of a standard page: the building blocks editors combine."""

    heading = blocks.CharBlock(label=_("Rubrik"), form_classname="title", template="home/blocks/heading.html")
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
    )
    image = ImageBlock(label=_("Bild"), template="home/blocks/image.html")
    documents = DocumentListBlock()
    quote = QuoteBlock()
    table = TableBlock(label=_("Tabell"), template="home/blocks/table.html")
    call_to_action = CallToActionBlock()


class DocumentLinkBlock(DocumentChooserBlock):
    """A document to download; the API gives what a principal's site needs to link to it."""

    def get_api_representation(self, value, context=None):
        return document_info(value)

    class Meta:
        icon = "doc-full"
        label = _("Dokument")
