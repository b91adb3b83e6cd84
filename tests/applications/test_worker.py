"""The receipt (also when the provider or the broker was away: the sweep) and the retention task, run by a
real Celery worker over Redis."""

import functools
import socket

import pytest

from applications.models import Application
from applications.tasks import erase_closed_applications_task, send_receipt_task, sweep_applicant_emails_task
from site_lycksele.celery import app
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


def provider_worker(celery_worker, log, *, fail_rate):
    """Restart the worker so it sends through the recording provider (tests.network.recording_backend),
    which fails every call at ``fail_rate`` 1 (the provider is down) and logs each accepted address."""
    celery_worker.env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.network.network_worker_settings",
            "NETWORK_TEST_MAIL_LOG": str(log),
            "NETWORK_TEST_FAIL_RATE": str(fail_rate),
        }
    )
    return celery_worker.restart()


def receipts_run(worker):
    """How many receipt tasks the worker finished since it started (sent or not)."""
    stats = app.control.inspect([worker.name], timeout=2).stats() or {}
    return stats.get(worker.name, {}).get("total", {}).get(send_receipt_task.name, 0)


def mailed(log):
    return log.read_text().split("\n")[:-1] if log.exists() else []


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_receipt_the_provider_refused_is_sent_once_by_the_sweep(
    client, application_data, celery_worker, tmp_path, settings
):
    log = tmp_path / "sent.log"
    worker = provider_worker(celery_worker, log, fail_rate=1)
    assert client.post("/soka-medel/ansok/", {**application_data, "attachments": good_files()}).status_code == 200
    application = Application.objects.get()
    wait_for(lambda: receipts_run(worker) >= 1, "the receipt's first attempt")
    application.refresh_from_db()
    assert application.receipt_sent_at is None, "a failed send leaves the receipt to the sweep"
    assert not mailed(log)

    settings.APPLICATIONS_SWEEP_AFTER = 0
    worker = provider_worker(celery_worker, log, fail_rate=0)  # the provider is back
    queued = sum(sweep_applicant_emails_task()["receipts"] for _sweep in range(3))
    send_receipt_task.delay(application.pk)
    wait_for(lambda: receipts_run(worker) == queued + 1, "every queued receipt task")
    application.refresh_from_db()
    assert application.receipt_sent_at is not None
    assert queued == 3
    assert [line.split("\t")[0] for line in mailed(log)] == ["anna@example.org"]
    assert sweep_applicant_emails_task() == {"receipts": 0, "decisions": 0}


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_receipt_the_broker_never_took_is_sent_once_by_the_sweep(
    client, application_data, celery_worker, tmp_path, settings, monkeypatch
):
    log = tmp_path / "sent.log"
    worker = provider_worker(celery_worker, log, fail_rate=0)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    away = app.connection_for_write(f"redis://127.0.0.1:{closed_port}/0")
    monkeypatch.setattr(
        send_receipt_task, "apply_async", functools.partial(send_receipt_task.apply_async, connection=away)
    )
    assert client.post("/soka-medel/ansok/", {**application_data, "attachments": good_files()}).status_code == 200
    application = Application.objects.get()
    assert application.receipt_sent_at is None
    assert sweep_applicant_emails_task() == {"receipts": 0, "decisions": 0}, "a new case is still on its way"

    monkeypatch.undo()  # the broker is back
    settings.APPLICATIONS_SWEEP_AFTER = 0
    queued = 0

    def sweep():
        nonlocal queued
        queued += sweep_applicant_emails_task()["receipts"]

    wait_for(lambda: sweep() or Application.objects.filter(receipt_sent_at__isnull=False).exists(), "the receipt")
    wait_for(lambda: receipts_run(worker) == queued, "every queued receipt task")
    assert queued >= 1
    assert [line.split("\t")[0] for line in mailed(log)] == ["anna@example.org"]
