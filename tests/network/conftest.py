"""Fixtures of the network's tests."""

import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


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
                "DJANGO_SETTINGS_MODULE": "network_worker_settings",
                "PYTHONPATH": str(HERE),
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
