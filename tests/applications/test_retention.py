"""Retention and personal data: rejected and withdrawn cases lose the applicant's data and attachments after
the retention period; the network's export and erasure of a person cover their applications."""

from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.utils import timezone

from applications.models import Application, Attachment
from applications.tasks import erase_closed_applications_task
from network import gdpr
from network.models import Subscriber
from tests.applications.conftest import stored_files
from tests.applications.files import PDF_BYTES

pytestmark = pytest.mark.django_db

RETENTION = timedelta(days=365)


def make_case(number, email="anna@example.org", closed_days_ago=None, status=Application.Status.RECEIVED, **extra):
    year, sequence = (int(part) for part in number.split("/"))
    application = Application.objects.create(
        year=year,
        sequence=sequence,
        number=number,
        applicant_name="Anna Andersson",
        applicant_organisation="Lycksele kommun",
        applicant_email=email,
        applicant_phone="070-1",
        title=f"Projekt {number}",
        description="D",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        budget=100,
        status=status,
        closed_at=timezone.now() - timedelta(days=closed_days_ago) if closed_days_ago is not None else None,
        **extra,
    )
    attachment = Attachment(
        application=application, original_name="ansokan.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("ansokan.pdf", ContentFile(PDF_BYTES))
    return application


def erased(application):
    application.refresh_from_db()
    return application.erased_at is not None


@pytest.fixture
def cases(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return {
            "rejected_old": make_case(
                "2025/0001", closed_days_ago=400, status=Application.Status.DECIDED, rejected=True
            ),
            "withdrawn_old": make_case("2025/0002", closed_days_ago=366, status=Application.Status.WITHDRAWN),
            "rejected_recent": make_case(
                "2025/0003", closed_days_ago=100, status=Application.Status.DECIDED, rejected=True
            ),
            "granted_old": make_case("2025/0004", closed_days_ago=800, status=Application.Status.DECIDED),
            "open": make_case("2025/0005", status=Application.Status.IN_PREPARATION),
        }


def test_rejected_and_withdrawn_cases_past_retention_lose_personal_data_and_attachments(
    cases, django_capture_on_commit_callbacks
):
    assert len(stored_files()) == 5
    with django_capture_on_commit_callbacks(execute=True):
        assert erase_closed_applications_task() == 2

    for name in ("rejected_old", "withdrawn_old"):
        application = cases[name]
        assert erased(application)
        assert (application.applicant_name, application.applicant_email, application.applicant_phone) == ("", "", "")
        assert application.number and application.title and application.budget == 100
        assert application.attachments.count() == 0
    for name in ("rejected_recent", "granted_old", "open"):
        assert not erased(cases[name])
        assert cases[name].applicant_email == "anna@example.org"
        assert cases[name].attachments.count() == 1
    assert len(stored_files()) == 3


def test_the_task_is_harmless_to_run_twice(cases, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        erase_closed_applications_task()
    assert erase_closed_applications_task() == 0


def test_the_retention_period_is_a_setting(cases, settings):
    settings.APPLICATIONS_RETENTION_DAYS = 30
    assert erase_closed_applications_task() == 3


def test_the_task_runs_daily_from_beat():
    entry = next(
        entry
        for entry in django_settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "applications.tasks.erase_closed_applications_task"
    )
    assert entry["schedule"].hour == {3}


def test_status_changes_close_the_case():
    application = make_case("2026/0001")
    application.mark_in_preparation()
    assert (application.status, application.closed_at) == (Application.Status.IN_PREPARATION, None)
    application.mark_decided(granted=False)
    application.refresh_from_db()
    assert (application.status, application.rejected) == (Application.Status.DECIDED, True)
    assert application.closed_at is not None
    other = make_case("2026/0002")
    other.mark_withdrawn()
    other.refresh_from_db()
    assert (other.status, other.rejected, other.closed_at is not None) == (Application.Status.WITHDRAWN, False, True)


def test_the_privacy_notice_says_so(client, home_page):
    html = client.get("/personuppgifter/").content.decode()
    assert "Får ansökan avslag eller återkallas raderas sökandens namn" in html
    assert "<b>365 dagar</b>" in html


def test_the_network_export_of_a_person_holds_their_applications(cases):
    subscriber = Subscriber.objects.create(email="Anna@example.org", name="Anna")
    data = gdpr.export_data(subscriber)
    numbers = [entry["number"] for entry in data["applications"]]
    assert numbers == ["2025/0001", "2025/0002", "2025/0003", "2025/0004", "2025/0005"]
    assert data["applications"][0]["attachments"] == ["ansokan.pdf"]


def test_the_network_erasure_of_a_person_erases_their_applications_but_granted_ones(
    cases, django_capture_on_commit_callbacks
):
    other = make_case("2025/0006", email="bo@example.org")
    subscriber = Subscriber.objects.create(email="anna@example.org", name="Anna")
    with django_capture_on_commit_callbacks(execute=True):
        gdpr.erase(subscriber)

    assert [name for name, case in cases.items() if not erased(case)] == ["granted_old"]
    assert not erased(other)
    assert len(stored_files()) == 2
