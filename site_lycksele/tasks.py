"""The project's own periodic task: the heartbeat that beat sends every minute and a worker runs."""

from celery import shared_task


@shared_task(ignore_result=True)
def heartbeat_task():
    """Nothing to do: sending it notes beat, running it notes the worker (site_lycksele.heartbeat)."""
