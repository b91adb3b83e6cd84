import os
import subprocess
import sys
import uuid

import pytest

from home.tasks import ping_task


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_task_round_trips_through_redis_to_a_real_worker(celery_worker, settings):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    token = uuid.uuid4().hex
    result = ping_task.delay(token).get(timeout=30)
    assert result["token"] == token
    assert result["pid"] != os.getpid()


def test_without_a_broker_tasks_run_in_process():
    """A fresh clone's settings, whatever this run is configured with: no broker, tasks in-process."""
    env = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND")}
    env["DJANGO_SETTINGS_MODULE"] = "site_lycksele.settings.test"
    code = (
        "import os, django; django.setup(); "
        "from site_lycksele.celery import app; from home.tasks import ping_task; "
        "print(app.conf.task_always_eager, ping_task.delay('x').get()['pid'] == os.getpid())"
    )
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[-2:] == ["True", "True"]
