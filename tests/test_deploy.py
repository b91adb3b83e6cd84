"""The deployment files, read as the tools would read them (docker itself cannot run here)."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
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
    assert set(services) == {"proxy", "edge", "web", "worker", "beat", "db", "redis"}
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


def test_compose_and_the_image_build_the_site_before_serving():
    web = compose()["services"]["web"]["command"]
    assert web.index("migrate") < web.index("init_site") < web.index("gunicorn")
    cmd = next(line for line in dockerfile_instructions() if line.startswith("CMD"))
    assert cmd.index("migrate") < cmd.index("init_site") < cmd.index("gunicorn")


@pytest.fixture
def production_server(tmp_path):
    """gunicorn with the production settings, ALLOWED_HOSTS naming only the public host; yields its port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.set_inheritable(True)
    port = sock.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_lycksele.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "www.example.se",
        "SITE_URL": "https://www.example.se",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path),
        "PORT": str(port),
    }
    for name in ("CELERY_BROKER_URL", "REDIS_URL"):
        env.pop(name, None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "site_lycksele.wsgi", f"--bind=fd://{sock.fileno()}", "--workers=1"],
        cwd=ROOT,
        env=env,
        pass_fds=(sock.fileno(),),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    sock.close()
    try:
        yield env
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_the_image_health_check_passes_with_only_the_public_host_allowed(production_server):
    healthcheck = next(line for line in dockerfile_instructions() if line.startswith("HEALTHCHECK"))
    probe = healthcheck.split(" CMD ", 1)[1]
    url = f"http://127.0.0.1:{production_server['PORT']}/healthz/live"
    deadline = time.monotonic() + 60
    while True:
        result = subprocess.run(["sh", "-c", probe], env=production_server, capture_output=True, text=True)
        if result.returncode == 0 or time.monotonic() > deadline or "HTTP Error" in result.stderr:
            break
        time.sleep(0.3)
    assert result.returncode == 0, result.stderr
    # Without the public host, Django's host check refuses the probe: what the old health check got.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=5)
    assert refused.value.code == 400


def test_compose_proxy_terminates_tls_and_serves_the_media_volume_read_only():
    proxy = compose()["services"]["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert "./deploy/nginx:/etc/nginx/templates:ro" in proxy["volumes"]
    assert "./certs:/etc/nginx/certs:ro" in proxy["volumes"]
    assert f"media:{proxy['environment']['LYCKSELE_MEDIA_ROOT']}:ro" in proxy["volumes"]
    assert {"80:80", "443:443"} <= set(proxy["ports"])
    assert proxy["environment"]["LYCKSELE_UPSTREAM"] == "edge:80"
    # The site reads the client address from the entry the proxy appended.
    assert compose()["services"]["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"


def test_compose_names_the_project_and_rotates_every_container_log():
    data = compose()
    # Volume names (lycksele_media, ...) do not depend on the checkout folder's name.
    assert data["name"] == "lycksele"
    for name, service in data["services"].items():
        assert service["logging"]["driver"] == "json-file", name
        assert service["logging"]["options"]["max-size"] and service["logging"]["options"]["max-file"], name


def test_compose_puts_the_edge_cache_between_the_proxy_and_the_web_processes():
    services = compose()["services"]
    edge = services["edge"]
    assert edge["image"].startswith("varnish:")
    assert "./deploy/varnish:/etc/varnish:ro" in edge["volumes"]
    assert "ports" not in edge  # only the proxy and the web processes reach it
    assert (ROOT / "deploy" / "varnish" / "default.vcl").exists()
    # The start-up commands the edge tests and the benchmark run too, from the mounted folder.
    startup = edge["command"][edge["command"].index("-I") + 1]
    assert startup.startswith("/etc/varnish/") and (ROOT / "deploy" / "varnish" / startup.rsplit("/", 1)[1]).exists()
    assert '.host = "web"' in (ROOT / "deploy" / "varnish" / "backend.vcl").read_text()
    for name in ("web", "worker", "beat"):  # a scheduled publication in the worker purges too
        assert services[name]["environment"]["FRONTEND_CACHE_URL"] == "http://edge:80"
