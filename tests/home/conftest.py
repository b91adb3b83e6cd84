"""Fixtures of the public site: the demo core pages and helpers to fill listings."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from home.models import ContactPage, FundingPage, NewsIndexPage, ProjectIndexPage, ReportIndexPage, StandardPage


@pytest.fixture
def pages(home_page):
    """The core pages ensure_site creates, by slug, as their specific types."""
    return {page.slug: page.specific for page in Page.objects.child_of(home_page)} | {"": home_page}


@pytest.fixture
def news_index(pages):
    assert isinstance(pages["nyheter"], NewsIndexPage)
    return pages["nyheter"]


@pytest.fixture
def project_index(pages):
    assert isinstance(pages["projekt"], ProjectIndexPage)
    return pages["projekt"]


@pytest.fixture
def report_index(pages):
    assert isinstance(pages["rapporter"], ReportIndexPage)
    return pages["rapporter"]


@pytest.fixture
def funding_page(pages):
    assert isinstance(pages["soka-medel"], FundingPage)
    return pages["soka-medel"]


@pytest.fixture
def contact_page(pages):
    assert isinstance(pages["kontakt"], ContactPage)
    return pages["kontakt"]


@pytest.fixture
def about_page(pages):
    assert isinstance(pages["om-forbundet"], StandardPage)
    return pages["om-forbundet"]


@pytest.fixture
def image(db):
    from wagtail.images import get_image_model

    return get_image_model().objects.create(title="Bild", file=get_test_image_file())


@pytest.fixture
def pdf(db):
    document = get_document_model()(title="Rapport-PDF")
    document.file.save("rapport.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document._set_document_file_metadata()
    document.save()
    return document
