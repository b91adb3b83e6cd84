"""The signup's one email and the purge, run by a real Celery worker over Redis.

Like every transactional test here they use serialized_rollback: mixing flushed
and restored transactional tests in one process makes the restore collide with
the content types a plain flush recreates.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from network.models import MailingList, Subscriber
from network.tasks import purge_unconfirmed_task


@pytest.fixture
def worker_mail_dir(request, tmp_path, monkeypatch):
    """A worker whose file email backend writes where this test can read."""
    monkeypatch.setenv("EMAIL_FILE_PATH", str(tmp_path))
    request.getfixturevalue("celery_worker")
    return tmp_path


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.2)
    return condition()


def written(directory):
    """The emails the file backend has finished writing (it creates each file before it writes it)."""
    return [path for path in directory.iterdir() if path.read_text().endswith("-" * 79 + "\n")]


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signup_confirmation_is_sent_by_the_worker_exactly_once(client, worker_mail_dir):
    natverket, _ = MailingList.objects.get_or_create(slug="natverket", defaults={"name": "Nätverket", "public": True})
    data = {
        "name": "Worker Test",
        "email": "worker@example.org",
        "organisation": "annan",
        "lists": [str(natverket.pk)],
        "consent": "on",
    }
    assert client.post("/natverket/", data).status_code == 302
    assert client.post("/natverket/", data).status_code == 302
    files = wait_for(lambda: written(worker_mail_dir))
    assert len(files) == 1 and len(list(worker_mail_dir.iterdir())) == 1
    message = files[0].read_text()
    assert "worker@example.org" in message
    assert "/natverket/bekrafta/" in message


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_purge_task_runs_on_the_worker(celery_worker):
    stale = Subscriber.objects.create(email="stale@example.org", consent_at=timezone.now() - timedelta(days=40))
    fresh = Subscriber.objects.create(email="fresh@example.org", consent_at=timezone.now())
    purge_unconfirmed_task.delay()
    assert wait_for(lambda: not Subscriber.objects.filter(pk=stale.pk).exists())
    assert Subscriber.objects.filter(pk=fresh.pk).exists()
