"""The Celery application; tasks live in each app's ``tasks.py``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_lycksele.settings.dev")

app = Celery("site_lycksele")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Connects the heartbeat's signals in every process that loads the app: web, worker and beat.
from site_lycksele import heartbeat  # noqa: E402, F401
