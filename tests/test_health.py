"""Readiness (/healthz) reports each dependency; liveness (/healthz/live) touches none."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from site_lycksele import heartbeat
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent

GET_HEALTHZ = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": json.loads(response.content)}))
"""


def healthz_in_subprocess(tmp_path, **env):
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "site_lycksele.settings.test", "VAR_DIR": str(tmp_path)}
    full_env.pop("CELERY_BROKER_URL", None)
    full_env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'health.sqlite3'}"
    full_env.update(env)
    result = subprocess.run(
        [sys.executable, "-c", GET_HEALTHZ], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_readiness_is_200_when_everything_answers(client, settings):
    heartbeat.note(heartbeat.WORKER)  # as a running worker does (tests/test_health_heartbeat.py)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["broker"] == ("ok" if settings.CELERY_BROKER_URL else "eager")
    assert "no-cache" in response["Cache-Control"]


def test_readiness_is_503_when_the_database_is_unreachable(tmp_path):
    result = healthz_in_subprocess(tmp_path, DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/lycksele")
    assert result["status"] == 503
    assert result["body"]["status"] == "error"
    assert result["body"]["database"] == "error: OperationalError"
    assert result["body"]["cache"] == "ok"


def test_readiness_is_503_when_the_broker_is_unreachable(tmp_path):
    result = healthz_in_subprocess(tmp_path, CELERY_BROKER_URL=f"redis://127.0.0.1:{free_port()}/0")
    assert result["status"] == 503
    assert result["body"]["status"] == "error"
    assert result["body"]["broker"].startswith("error: ")
    assert result["body"]["database"] == "ok"


@pytest.mark.django_db
def test_readiness_is_503_when_the_cache_fails(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error: ConnectionError"


@pytest.mark.django_db
def test_liveness_touches_neither_database_nor_cache(client, monkeypatch, django_assert_num_queries):
    def forbidden(*args, **kwargs):
        raise AssertionError("liveness must not use the cache")

    for method in ("get", "set", "get_many", "add"):
        monkeypatch.setattr(cache, method, forbidden)
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.services
@pytest.mark.django_db
def test_readiness_with_the_real_services(client, settings):
    heartbeat.note(heartbeat.WORKER)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body.pop("beat") in {"ok", "not seen"}
    assert body == {"database": "ok", "cache": "ok", "broker": "ok", "worker": "ok", "status": "ok"}
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)


@pytest.mark.services
def test_the_redis_cache_reuses_one_client_per_pool():
    """Django builds a redis-py client per operation; ours keeps one (site_lycksele.redis_cache)."""
    from django.core.cache import caches

    backend = caches["default"]._cache
    assert backend.get_client(write=False) is backend.get_client(write=False)
    caches["default"].set("reused-client", "ok")
    assert caches["default"].get("reused-client") == "ok"
