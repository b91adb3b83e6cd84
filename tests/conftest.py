"""Shared fixtures: the real services when configured, a Celery worker, the site and its people.

Tests marked ``services`` need PostgreSQL, Redis and a Celery worker; tests marked
``postgres`` need only PostgreSQL (what they check does not exist on SQLite). Without them
they are skipped with the reason; with REQUIRE_SERVICES=1 (as in .ci/run) a missing
service fails the run instead.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import connection
from django.utils.text import slugify
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from home.roles import BOARD, COORDINATOR

ROOT = Path(__file__).resolve().parent.parent
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
POSTGRESQL = "django.db.backends.postgresql"


def free_port():
    """A local port nothing listens on (the kernel's next free one, released at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _reachable(url, default_port):
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


@cache
def services_missing():
    """Why the real services cannot be used, or an empty string when they all can."""
    reasons = []
    if settings.DATABASES["default"]["ENGINE"] != POSTGRESQL:
        reasons.append("DATABASE_URL does not point at PostgreSQL")
    if not settings.CELERY_BROKER_URL:
        reasons.append("CELERY_BROKER_URL is not set")
    elif not _reachable(settings.CELERY_BROKER_URL, 6379):
        reasons.append(f"the broker at {settings.CELERY_BROKER_URL} does not answer")
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        reasons.append("REDIS_URL is not set")
    elif not _reachable(redis_url, 6379):
        reasons.append(f"the cache at {redis_url} does not answer")
    return "; ".join(reasons)


def pytest_sessionstart(session):
    if REQUIRE_SERVICES and services_missing():
        pytest.exit(f"REQUIRE_SERVICES=1 but {services_missing()}", returncode=1)


def pytest_runtest_setup(item):
    if item.get_closest_marker("services") and services_missing():
        if REQUIRE_SERVICES:
            pytest.fail(f"REQUIRE_SERVICES=1 but {services_missing()}")
        pytest.skip(f"needs the real services: {services_missing()}")
    if item.get_closest_marker("postgres") and settings.DATABASES["default"]["ENGINE"] != POSTGRESQL:
        if REQUIRE_SERVICES:
            pytest.fail("REQUIRE_SERVICES=1 but DATABASE_URL does not point at PostgreSQL")
        pytest.skip("holds only on PostgreSQL: DATABASE_URL does not point at it")


def pytest_report_header(config):
    missing = services_missing()
    return [f"real services: {'missing (' + missing + ')' if missing else 'PostgreSQL, Redis, Celery worker'}"]


def _database_url():
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


class CeleryWorker:
    """A real ``celery worker`` process on a queue of its own, which tests may kill and restart."""

    def __init__(self, queue):
        self.queue = queue
        self.name = f"{queue}@{socket.gethostname()}"
        self.process = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "site_lycksele.settings.test",
            "DATABASE_URL": _database_url(),
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "CONN_MAX_AGE": "0",
        }

    def start(self, concurrency=2):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "site_lycksele",
                "worker",
                "-Q",
                self.queue,
                "-n",
                self.name,
                "-c",
                str(concurrency),
                "-l",
                "WARNING",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        self.wait_ready()
        return self

    def wait_ready(self, timeout=60):
        from site_lycksele.celery import app

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"celery worker exited with {self.process.returncode}")
            if app.control.ping(destination=[self.name], timeout=1):
                return
        raise RuntimeError("celery worker did not answer a ping in time")

    def kill(self):
        """SIGKILL the worker and its pool children: no chance to finish or acknowledge."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def restart(self, concurrency=2):
        self.kill()
        return self.start(concurrency)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back after each test and
    reuses its ids, so an API response cached under a log-entry stamp of an earlier test
    (the same ids, other content) would otherwise be served to the next one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def celery_queue(worker_id):
    """A queue name of this test process's own, so parallel test processes never share tasks."""
    from site_lycksele.celery import app

    queue = f"test-{worker_id}-{uuid.uuid4().hex[:8]}"
    app.conf.task_default_queue = queue
    return queue


@pytest.fixture
def celery_worker(request, django_db_setup, celery_queue):
    """A real Celery worker against this test's database.

    Use with ``django_db(transaction=True, serialized_rollback=True)``: the worker only sees
    committed data, and every transactional test must restore the migrated data the same way.
    """
    if services_missing():
        pytest.skip(f"needs the real services: {services_missing()}")
    worker = CeleryWorker(celery_queue).start()
    yield worker
    worker.stop()


@pytest.fixture
def unreachable_cache(settings):
    """The production cache backend (site_lycksele.redis_cache) pointed at a Redis that is not there."""
    settings.CACHES = {
        "default": {
            "BACKEND": "site_lycksele.redis_cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }


@pytest.fixture
def eager_celery(monkeypatch):
    """Run Celery tasks in this process even when a broker is configured, so tests without a
    worker see their effects (emails in the locmem outbox)."""
    from site_lycksele.celery import app

    monkeypatch.setattr(app.conf, "task_always_eager", True)
    monkeypatch.setattr(app.conf, "task_eager_propagates", True)


@pytest.fixture
def coordinator(db):
    user = User.objects.create_user("samordnare-test", "samordnare@example.org", "pw", first_name="Sam")
    user.groups.add(Group.objects.get(name=COORDINATOR))
    return user


@pytest.fixture
def board_member(db):
    user = User.objects.create_user("styrelse-test", "styrelse@example.org", "pw", first_name="Stina")
    user.groups.add(Group.objects.get(name=BOARD))
    return user


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("admin-test", "admin@example.org", "pw")


@pytest.fixture
def home_page(db):
    """The demo site's core: home page at the site root, organisation settings, core pages."""
    from home.demo_content import ensure_site

    home, _ = ensure_site()
    return home


@pytest.fixture
def add_page(home_page):
    """Add a StandardPage under the home page; live unless told otherwise."""

    def add(title, intro="", live=True, parent=None, restricted=None):
        page = StandardPage(title=title, slug=slugify(title), intro=intro)
        (parent or home_page).add_child(instance=page)
        if live:
            page.save_revision().publish()
        else:
            page.live = False
            page.save_revision()
            page.save(update_fields=["live"])
        if restricted:
            PageViewRestriction.objects.create(page=page, restriction_type=restricted, password="hemligt")
        return page

    return add
