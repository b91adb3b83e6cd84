import os
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


def test_without_a_broker_tasks_run_in_process(settings):
    from site_lycksele.celery import app

    if settings.CELERY_BROKER_URL:
        pytest.skip("a broker is configured: tasks go through it")
    assert app.conf.task_always_eager
    assert ping_task.delay("x").get()["pid"] == os.getpid()
