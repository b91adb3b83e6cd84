"""Periodic work owned by the core site."""

import os

from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled_task():
    """Publish pages and snippets whose go-live time has passed (Celery beat, every minute)."""
    call_command("publish_scheduled")


@shared_task(ignore_result=False)
def ping_task(token):
    """Answer with the token and the worker's process id: proves the broker round trip."""
    return {"token": token, "pid": os.getpid()}
