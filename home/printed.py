"""Printed material from the site: accessible PDFs made from the content.

The communication plan hands out a fact sheet, a poster and an information leaflet at the
outreach visits; press releases have a PDF version too (press). Every PDF is tagged PDF/UA
(structure tree, marked content), names its language (the template's ``lang="sv"``) and
its title (the template's ``<title>``), so screen readers read it as they read the page.

A PDF is rendered from a template with WeasyPrint and kept per content version
(home.content_cache.kept): the next publication or settings save replaces the version, so
the next download is rendered from the new content. Images are embedded as data URIs and
nothing is fetched from the network while rendering.
"""

import base64
import mimetypes
from dataclasses import dataclass

import segno
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from home.content_cache import kept
from home.models import ContactPage, OrganisationSettings
from network.api import signup_url

PDF_VARIANT = "pdf/ua-1"
LOGO_SPEC = "max-600x300"


def render_pdf(template, context):
    """The PDF of ``template`` rendered with ``context``: tagged, with the template's language and title."""
    html = render_to_string(template, context)
    fetcher = URLFetcher(allowed_protocols=["data"], fail_on_errors=True)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)


def image_data_uri(image, spec=LOGO_SPEC):
    """``image`` (an SVG as it is, else its ``spec`` rendition) as a data URI, or "" without an image."""
    if image is None:
        return ""
    source = image if image.is_svg() else image.get_rendition(spec)
    with source.file.open("rb") as file:
        data = file.read()
    mime_type = "image/svg+xml" if image.is_svg() else mimetypes.guess_type(source.file.name)[0] or "image/png"
    return f"data:{mime_type};base64,{base64.b64encode(data).decode('ascii')}"


def qr_code_data_uri(url):
    """A QR code of ``url`` as an SVG data URI, with the quiet zone scanners need."""
    return segno.make(url, error="m").svg_data_uri(scale=10, border=4)


@dataclass(frozen=True)
class PrintedItem:
    """One printed item: its file name (``/trycksaker/<name>.pdf``), title, template, paper size
    and, for items handed out at the outreach visits, the signup source its QR code records."""

    name: str
    title: str
    template: str
    page_size: str = "A4"
    signup_source: str = ""

    @property
    def filename(self):
        return f"{self.name}.pdf"


PRINTED_ITEMS = {
    item.name: item
    for item in (
        PrintedItem("faktablad", _("Faktablad"), "home/printed/fact_sheet.html"),
        PrintedItem("informationsblad", _("Informationsblad"), "home/printed/leaflet.html", "A4", "informationsblad"),
        PrintedItem("affisch-a4", _("Affisch A4"), "home/printed/poster.html", "A4", "affisch-a4"),
        PrintedItem("affisch-a3", _("Affisch A3"), "home/printed/poster.html", "A3", "affisch-a3"),
    )
}


def contact_people(site):
    """The people of the association's contact page, in the editor's order."""
    contact_page = ContactPage.objects.live().descendant_of(site.root_page, inclusive=True).first()
    if contact_page is None:
        return []
    return [item.person for item in contact_page.people.select_related("person")]


def item_context(item, site):
    """What the templates of the printed items render with, read from ``site``'s settings and content."""
    organisation = OrganisationSettings.for_site(site)
    context = {
        "item": item,
        "title": f"{item.title} – {organisation.name}",
        "organisation": organisation,
        "principals": list(organisation.principals.all()),
        "people": contact_people(site),
        "logo": image_data_uri(organisation.logo),
        "site_url": site.root_url,
    }
    if item.signup_source:
        context["signup_url"] = signup_url(source=item.signup_source, root_url=site.root_url)
        context["qr_code"] = qr_code_data_uri(context["signup_url"])
    return context


def printed_pdf(item, site):
    """The PDF of ``item`` for ``site``, rendered once per content version."""
    return kept("printed-pdf", lambda: render_pdf(item.template, item_context(item, site)), site.pk, item.name)
