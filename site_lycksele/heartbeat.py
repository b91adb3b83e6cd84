"""When the Celery worker and beat were last seen, for ``/healthz``.

A worker notes itself when it is ready and after every task it runs; beat notes
itself each time it sends :data:`HEARTBEAT_TASK` (every minute), which a worker
then runs. The notes are times in the cache (Redis in production, shared by every
process), kept without expiry so a memory-full Redis never evicts them. Noting
never raises: a cache outage must not fail a task, and ``/healthz`` reports the
cache on its own.
"""

import logging
import time

from celery import signals
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

WORKER = "heartbeat:worker"
BEAT = "heartbeat:beat"
HEARTBEAT_TASK = "site_lycksele.tasks.heartbeat_task"


class WorkerSilent(Exception):
    """No worker has been seen for longer than ``HEALTH_WORKER_SILENCE_LIMIT`` seconds (or ever)."""


def note(key):
    try:
        cache.set(key, time.time(), timeout=None)
    except Exception:  # noqa: BLE001 - see the module docstring
        logger.warning("Could not note the %s heartbeat", key, exc_info=True)


def silence(key):
    """Seconds since ``key`` was noted, or None when it never was."""
    seen = cache.get(key)
    return None if seen is None else max(0.0, time.time() - seen)


def check_worker():
    """``/healthz``'s worker check: raises when the worker has been silent for longer than the limit."""
    if not settings.CELERY_BROKER_URL:
        return "eager"
    seconds = silence(WORKER)
    if seconds is None or seconds > settings.HEALTH_WORKER_SILENCE_LIMIT:
        raise WorkerSilent
    return "ok"


def check_beat():
    """``/healthz``'s beat check: only reported (publishing late is not being down)."""
    if not settings.CELERY_BROKER_URL:
        return "eager"
    seconds = silence(BEAT)
    if seconds is None:
        return "not seen"
    return "ok" if seconds <= settings.HEALTH_WORKER_SILENCE_LIMIT else f"silent for {int(seconds)} s"


@signals.worker_ready.connect
@signals.task_postrun.connect
def worker_seen(**kwargs):
    note(WORKER)


@signals.after_task_publish.connect
def beat_seen(sender=None, **kwargs):
    if sender == HEARTBEAT_TASK:
        note(BEAT)
