"""Settings come from the environment; production refuses to start half-configured.

Each case runs in a subprocess so the settings module is imported fresh with the
environment under test, independent of how this test process was configured.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG_VARS = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "REDIS_URL",
    "DEFAULT_FROM_EMAIL",
    "TRUSTED_PROXY_COUNT",
}

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
from site_lycksele.celery import app
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "email_backend": settings.EMAIL_BACKEND,
    "anymail": settings.ANYMAIL,
    "from_email": settings.DEFAULT_FROM_EMAIL,
    "site_url": settings.SITE_URL,
    "admin_base_url": settings.WAGTAILADMIN_BASE_URL,
    "eager": app.conf.task_always_eager,
    "broker": app.conf.broker_url,
    "language": settings.LANGUAGE_CODE,
    "time_zone": settings.TIME_ZONE,
    "debug": settings.DEBUG,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "csrf_trusted": settings.CSRF_TRUSTED_ORIGINS,
    "proxy_count": settings.NETWORK_TRUSTED_PROXY_COUNT,
    "beat": {name: entry["task"] for name, entry in settings.CELERY_BEAT_SCHEDULE.items()},
}))
"""


def run(args, settings_module, tmp_path, **env):
    base = {key: value for key, value in os.environ.items() if key not in CONFIG_VARS}
    base.update(DJANGO_SETTINGS_MODULE=f"site_lycksele.settings.{settings_module}", VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120, check=False
    )


def settings_of(settings_module, tmp_path, **env):
    result = run(["-c", PRINT_SETTINGS], settings_module, tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_env():
    return {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "www.samordningsforbundet-lycksele.se",
        "SITE_URL": "https://www.samordningsforbundet-lycksele.se",
    }


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing, tmp_path):
    env = production_env()
    del env[missing]
    result = run(["manage.py", "check"], "production", tmp_path, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set in production" in result.stderr


def test_production_check_deploy_is_clean(tmp_path):
    check_deploy = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = run(check_deploy, "production", tmp_path, **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_check_deploy_flags_a_weak_secret_key(tmp_path):
    env = production_env() | {"SECRET_KEY": "short"}
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], "production", tmp_path, **env)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_production_reads_every_service_from_the_environment(tmp_path):
    env = production_env() | {
        "DATABASE_URL": "postgres://lycksele:pw@db:5432/lycksele",
        "CELERY_BROKER_URL": "redis://redis:6379/0",
        "REDIS_URL": "redis://redis:6379/1",
        "ANYMAIL_ESP": "postmark",
        "ANYMAIL_POSTMARK_SERVER_TOKEN": "token",
        "ANYMAIL_WEBHOOK_SECRET": "user:pass",
        "DEFAULT_FROM_EMAIL": "Förbundet <info@example.org>",
        "TRUSTED_PROXY_COUNT": "1",
    }
    values = settings_of("production", tmp_path, **env)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "lycksele"
    assert values["conn_max_age"] > 0
    assert values["cache"] == "site_lycksele.redis_cache.RedisCache"
    assert values["cache_location"] == "redis://redis:6379/1"
    assert values["email_backend"] == "anymail.backends.postmark.EmailBackend"
    assert values["anymail"] == {"POSTMARK_SERVER_TOKEN": "token", "WEBHOOK_SECRET": "user:pass"}
    assert values["from_email"] == "Förbundet <info@example.org>"
    assert values["admin_base_url"] == "https://www.samordningsforbundet-lycksele.se"
    assert values["csrf_trusted"] == ["https://www.samordningsforbundet-lycksele.se"]
    assert values["eager"] is False
    assert values["broker"] == "redis://redis:6379/0"
    assert values["debug"] is False
    assert values["hsts"] >= 31536000
    assert values["ssl_redirect"] is True
    assert values["proxy_count"] == 1


def test_without_a_broker_tasks_run_eagerly_and_defaults_are_embedded(tmp_path):
    values = settings_of("dev", tmp_path)
    assert values["eager"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db_name"] == str(tmp_path / "db.sqlite3")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["email_backend"] == "django.core.mail.backends.filebased.EmailBackend"
    assert values["debug"] is True
    assert values["proxy_count"] == 0


def test_language_time_zone_and_beat_schedule(tmp_path):
    values = settings_of("dev", tmp_path)
    assert values["language"] == "sv"
    assert values["time_zone"] == "Europe/Stockholm"
    assert values["beat"]["publish-scheduled"] == "home.tasks.publish_scheduled_task"


def test_the_wagtail_admin_speaks_swedish(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="sv"' in html
    assert "Logga in" in html


@pytest.mark.services
def test_emptying_the_cache_in_one_test_process_leaves_the_others_keys():
    from django.core.cache import cache

    client = cache._cache.get_client(write=True)
    client.set("another-test-process:1:key", "kept")
    cache.set("own-key", "gone")
    try:
        cache.clear()
        assert cache.get("own-key") is None
        assert client.get("another-test-process:1:key") == b"kept"
    finally:
        client.delete("another-test-process:1:key")
