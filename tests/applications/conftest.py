"""Fixtures of the funding applications: the association's principals, meetings and a valid application."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from applications.models import Meeting
from home.models import OrganisationSettings, Principal
from tests.applications.files import PDF_BYTES, upload, xlsx_bytes

PRINCIPALS = ["Lycksele kommun", "Region Västerbotten", "Försäkringskassan", "Arbetsförmedlingen"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """A storage folder of each test's own, so stray files are seen."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def stored_files():
    folder = Path(django_settings.MEDIA_ROOT) / "applications"
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


@pytest.fixture
def principals(home_page):
    organisation = OrganisationSettings.for_site(home_page.get_site())
    Principal.objects.filter(settings=organisation).delete()
    return [
        Principal.objects.create(settings=organisation, name=name, url="https://example.org/", sort_order=order)
        for order, name in enumerate(PRINCIPALS)
    ]


@pytest.fixture
def meetings(db):
    """Preparation meetings 30 and 90 days ahead, each followed by a board meeting ten days later."""
    today = timezone.localdate()
    return {
        "preparation": [
            Meeting.objects.create(kind=Meeting.Kind.PREPARATION, date=today + timedelta(days=days), place="Lycksele")
            for days in (30, 90)
        ],
        "board": [
            Meeting.objects.create(kind=Meeting.Kind.BOARD, date=today + timedelta(days=days)) for days in (40, 100)
        ],
    }


@pytest.fixture
def unlimited_forms(settings):
    settings.HOME_FORM_RATE_LIMIT = 10_000


@pytest.fixture
def application_data(principals):
    """A complete, valid POST of the form (without files)."""
    return {
        "applicant_name": "Anna Andersson",
        "applicant_organisation": "Lycksele kommun, socialtjänsten",
        "applicant_email": "anna@example.org",
        "applicant_phone": "070-123 45 67",
        "title": "Vägen till arbete",
        "description": "Ett samverkansprojekt för unga som står långt från arbetsmarknaden.",
        "parties": [str(principals[0].pk), str(principals[1].pk)],
        "period_start": "2027-01-01",
        "period_end": "2027-12-31",
        "budget": "450000",
        "hemsida_url": "",
    }


def good_files():
    return [upload("ansökan.pdf", PDF_BYTES, "application/pdf"), upload("budget.xlsx", xlsx_bytes())]


@pytest.fixture
def post_application(client, django_capture_on_commit_callbacks, eager_celery):
    """POST the form as a browser would, running what the request queued after commit (the receipt,
    in this process, so that it lands in the test outbox also when a broker is configured)."""

    def post(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/soka-medel/ansok/", data, **extra)

    return post
