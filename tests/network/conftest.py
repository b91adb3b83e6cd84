"""Fixtures of the network's tests."""

import json
import uuid

import pytest
from django.core.cache import caches

from tests.network.factories import SubscriberFactory, SubscriptionFactory


@pytest.fixture(autouse=True)
def _private_cache_keys(monkeypatch):
    """Rate limits and "already subscribed" markers live in the cache: give each test keys of its own
    (never clear a cache that other test processes may share)."""
    monkeypatch.setattr(caches["default"], "key_prefix", f"test-{uuid.uuid4().hex}")


@pytest.fixture
def subscriber(db):
    """A confirmed subscriber on the natverket list."""
    return SubscriptionFactory(subscriber=SubscriberFactory()).subscriber


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks, eager_celery):
    """Run a callable and then its transaction.on_commit callbacks (tasks in-process), as a real commit would."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run


@pytest.fixture
def mail_worker(celery_worker, tmp_path):
    """Restart the real worker so it sends through ``recording_backend`` with the given settings.

    ``mail_worker(NETWORK_BATCH_SIZE=500, NETWORK_TEST_FAIL_RATE=0.3)``: NETWORK_TEST_* are the
    backend's fault switches, other NETWORK_* keys become settings of the worker. The returned
    worker has ``log``, the file of addresses the backend accepted, one per line.
    """
    log = tmp_path / "sent.log"

    def start(**env):
        celery_worker.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "tests.network.network_worker_settings",
                "NETWORK_TEST_MAIL_LOG": str(log),
                **{
                    key: str(value) if key.startswith("NETWORK_TEST_") else json.dumps(value)
                    for key, value in env.items()
                },
            }
        )
        celery_worker.restart()
        celery_worker.log = log
        return celery_worker

    return start
