"""/healthz tells whether a Celery worker and beat have been seen lately, and is 503 when the worker fell silent."""

import time

import pytest
from django.core.cache import cache

from site_lycksele import heartbeat
from site_lycksele.tasks import heartbeat_task


@pytest.fixture
def broker_configured(settings):
    """The heartbeat checks as with a broker; the broker itself is not what these tests ask about."""
    settings.CELERY_BROKER_URL = settings.CELERY_BROKER_URL or "redis://127.0.0.1:1/0"
    cache.delete_many([heartbeat.WORKER, heartbeat.BEAT])
    yield settings
    cache.delete_many([heartbeat.WORKER, heartbeat.BEAT])


def travel(key, seconds_ago):
    """Move the stored heartbeat ``key`` into the past, as if nothing had been noted since."""
    cache.set(key, time.time() - seconds_ago, timeout=None)


@pytest.mark.django_db
def test_without_a_broker_tasks_run_in_process_and_nothing_is_missing(client, settings):
    settings.CELERY_BROKER_URL = ""
    body = client.get("/healthz").json()
    assert (body["worker"], body["beat"]) == ("eager", "eager")
    assert body["status"] == "ok"


def test_a_worker_never_seen_or_silent_longer_than_the_limit_is_an_error(broker_configured):
    broker_configured.HEALTH_WORKER_SILENCE_LIMIT = 300
    with pytest.raises(heartbeat.WorkerSilent):
        heartbeat.check_worker()
    heartbeat.note(heartbeat.WORKER)
    assert heartbeat.check_worker() == "ok"
    travel(heartbeat.WORKER, 299)
    assert heartbeat.check_worker() == "ok"
    travel(heartbeat.WORKER, 301)
    with pytest.raises(heartbeat.WorkerSilent):
        heartbeat.check_worker()


def test_beat_is_reported_but_its_silence_is_no_error(broker_configured):
    broker_configured.HEALTH_WORKER_SILENCE_LIMIT = 300
    assert heartbeat.check_beat() == "not seen"
    travel(heartbeat.BEAT, 30)
    assert heartbeat.check_beat() == "ok"
    travel(heartbeat.BEAT, 900)
    assert heartbeat.check_beat() == "silent for 900 s"


def test_the_limit_is_read_from_the_environment(monkeypatch):
    import importlib

    from site_lycksele.settings import base

    monkeypatch.setenv("HEALTH_WORKER_SILENCE_LIMIT", "42")
    try:
        assert importlib.reload(base).HEALTH_WORKER_SILENCE_LIMIT == 42
    finally:
        monkeypatch.delenv("HEALTH_WORKER_SILENCE_LIMIT")
        importlib.reload(base)


def test_sending_the_heartbeat_task_notes_beat_and_running_it_notes_the_worker(broker_configured, eager_celery):
    heartbeat.beat_seen(sender=heartbeat.HEARTBEAT_TASK)
    assert heartbeat.silence(heartbeat.BEAT) < 5
    heartbeat.beat_seen(sender="network.tasks.sweep_mailings_task")
    heartbeat_task.delay()
    assert heartbeat.silence(heartbeat.WORKER) < 5


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_is_seen_and_a_silent_one_makes_healthz_503(client, settings, celery_worker):
    settings.HEALTH_WORKER_SILENCE_LIMIT = 120
    # The worker noted itself when it became ready.
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["worker"] == "ok"

    cache.delete(heartbeat.WORKER)
    heartbeat_task.delay()  # sent from here as beat sends it: beat is noted on publishing
    deadline = time.monotonic() + 30
    while heartbeat.silence(heartbeat.WORKER) is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert heartbeat.silence(heartbeat.WORKER) is not None, "the worker did not note the task it ran"
    assert client.get("/healthz").json()["beat"] == "ok"

    celery_worker.stop()
    travel(heartbeat.WORKER, 121)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["worker"] == "error: WorkerSilent"
    assert (body["database"], body["cache"], body["broker"]) == ("ok", "ok", "ok")
