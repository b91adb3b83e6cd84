"""The deployment files, read as the tools would read them (docker itself cannot run here)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def dockerfile_instructions():
    lines, current = [], ""
    for raw in (ROOT / "Dockerfile").read_text().splitlines():
        if raw.strip().startswith("#") or not raw.strip():
            continue
        current += raw.rstrip("\\").strip() + " "
        if not raw.endswith("\\"):
            lines.append(current.strip())
            current = ""
    return lines


def test_compose_runs_proxy_web_worker_beat_db_and_redis():
    services = compose()["services"]
    assert set(services) == {"proxy", "web", "worker", "beat", "db", "redis"}
    assert "gunicorn site_lycksele.wsgi" in services["web"]["command"]
    assert "migrate" in services["web"]["command"]
    assert "purge_page_cache" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A site_lycksele worker")
    assert services["beat"]["command"].startswith("celery -A site_lycksele beat")
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    # A memory cap that evicts only expiring cache entries, never the broker's queues.
    assert "--maxmemory-policy volatile-lru" in services["redis"]["command"]


def test_app_services_share_the_production_environment_and_wait_for_healthy_services():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "site_lycksele.settings.production"
        for key in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"):
            assert env[key], key
        for key in ("DEFAULT_FROM_EMAIL", "ANYMAIL_ESP", "ANYMAIL_WEBHOOK_SECRET"):
            assert key in env
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert env["REDIS_URL"].startswith("redis://redis:6379/")
        assert env["CELERY_BROKER_URL"] != env["REDIS_URL"]
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
        # Secrets come from the operator's .env, never from the file itself.
        assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")


def test_compose_keeps_data_in_named_volumes():
    data = compose()
    services = data["services"]
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "media:/app/var/media" in services["web"]["volumes"]
    assert "media:/app/var/media" in services["worker"]["volumes"]
    assert {"pgdata", "redisdata", "media"} <= set(data["volumes"])
    assert "healthcheck" in services["db"] and "healthcheck" in services["redis"]


def test_dockerfile_builds_a_non_root_production_image():
    instructions = dockerfile_instructions()
    assert instructions[0] == "FROM python:3.11-slim-bookworm"
    # backup_site and restore_site run pg_dump/pg_restore in the web container.
    assert any("apt-get install" in line and "postgresql-client" in line for line in instructions)
    text = "\n".join(instructions)
    assert "DJANGO_SETTINGS_MODULE=site_lycksele.settings.production" in text
    assert "RUN pip install --require-hashes -r requirements.lock" in instructions
    collectstatic = next(line for line in instructions if "collectstatic" in line)
    assert "SECRET_KEY=" in collectstatic and "--noinput" in collectstatic
    users = [line for line in instructions if line.startswith("USER ")]
    assert users and users[-1] != "USER root"
    assert instructions.index(users[-1]) > instructions.index(collectstatic)
    healthcheck = next(line for line in instructions if line.startswith("HEALTHCHECK"))
    assert "/healthz/live" in healthcheck
    cmd = next(line for line in instructions if line.startswith("CMD"))
    assert "gunicorn site_lycksele.wsgi" in cmd


def test_whitenoise_serves_static_files_in_production():
    from site_lycksele.settings import base

    assert "whitenoise.middleware.WhiteNoiseMiddleware" in base.MIDDLEWARE
    production = (ROOT / "site_lycksele" / "settings" / "production.py").read_text()
    assert "whitenoise.storage.CompressedManifestStaticFilesStorage" in production


def test_dockerignore_keeps_local_state_and_secrets_out_of_the_image():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", "var", ".env", "static"} <= ignored


def test_compose_proxy_terminates_tls_and_serves_the_media_volume_read_only():
    proxy = compose()["services"]["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert "./deploy/nginx:/etc/nginx/templates:ro" in proxy["volumes"]
    assert "./certs:/etc/nginx/certs:ro" in proxy["volumes"]
    assert f"media:{proxy['environment']['LYCKSELE_MEDIA_ROOT']}:ro" in proxy["volumes"]
    assert {"80:80", "443:443"} <= set(proxy["ports"])
    assert proxy["environment"]["LYCKSELE_UPSTREAM"] == "web:8000"
    # The site reads the client address from the entry the proxy appended.
    assert compose()["services"]["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"


def test_compose_names_the_project_and_rotates_every_container_log():
    data = compose()
    # Volume names (lycksele_media, ...) do not depend on the checkout folder's name.
    assert data["name"] == "lycksele"
    for name, service in data["services"].items():
        assert service["logging"]["driver"] == "json-file", name
        assert service["logging"]["options"]["max-size"] and service["logging"]["options"]["max-file"], name
