"""The receipt and the retention task, run by a real Celery worker over Redis."""

import pytest

from applications.models import Application
from applications.tasks import erase_closed_applications_task
from tests.applications.conftest import good_files
from tests.applications.test_retention import make_case
from tests.outages import wait_for


@pytest.fixture
def worker_mail_dir(request, tmp_path, monkeypatch):
    """A worker whose file email backend writes where this test can read."""
    monkeypatch.setenv("EMAIL_FILE_PATH", str(tmp_path / "mail"))
    request.getfixturevalue("celery_worker")
    return tmp_path / "mail"


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_the_receipt_once(client, application_data, worker_mail_dir):
    response = client.post("/soka-medel/ansok/", {**application_data, "attachments": good_files()})
    assert response.status_code == 200
    application = Application.objects.get()

    wait_for(lambda: Application.objects.filter(receipt_sent_at__isnull=False).exists(), "the receipt")
    (message,) = [path.read_text() for path in worker_mail_dir.iterdir()]
    assert "anna@example.org" in message
    assert application.number in message
    assert "/soka-medel/ansokan/" in message


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_retention_task_runs_on_the_worker(celery_worker):
    old = make_case("2025/0001", closed_days_ago=400, status=Application.Status.WITHDRAWN)
    erase_closed_applications_task.delay()
    wait_for(lambda: Application.objects.filter(pk=old.pk, erased_at__isnull=False).exists(), "the erasure")
    old.refresh_from_db()
    assert old.applicant_email == ""
