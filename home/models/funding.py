"""Applying for funds: the funding page with its online application form."""

from django.db import models
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, Page
from wagtail.search import index

from home.blocks import BodyBlock, document_info
from home.documents import public_documents
from home.forms import FundingFormBuilder, honeypot_filled, rate_limited, send_receipt


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
        submission = super().process_form_submission(form)
        send_receipt(self, form)
        return submission

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            if rate_limited(request):
                context = self.get_context(request)
                context["form"] = self.get_form(page=self, user=request.user)
                context["rate_limited"] = True
                return render(request, self.get_template(request), context, status=429)
            if honeypot_filled(request):
                return render(request, self.get_landing_page_template(request), self.get_context(request))
        return super().serve(request, *args, **kwargs)
