"""Applying for funds: the funding page, with the guidance, the forms to download and the way to apply.

The way to apply is a plugin's (hook ``funding_page_sections``: the applications plugin's online
application and its next deadline); without one, the page tells visitors to send the forms to the
association's address.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Collection, Page
from wagtail.search import index

from home.blocks import BodyBlock, document_info
from home.documents import public_documents
from home.models.mixins import ServedPageMixin


class FundingPage(ServedPageMixin, Page):
    """How to apply for funds at /soka-medel/: guidance, the forms to download and the way to apply."""

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

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("forms_collection"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body"), APIField("forms")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("sida för att söka medel")

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
