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
def eager_tasks(monkeypatch):
    """Run Celery tasks in this process even when a broker is configured (tests without a worker)."""
    from site_lycksele.celery import app

    monkeypatch.setattr(app.conf, "task_always_eager", True)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks, eager_tasks):
    """Run a callable and then its transaction.on_commit callbacks (tasks in-process), as a real commit would."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run
