"""Real outages under a live server: Redis killed and restarted, PostgreSQL cut off and restored.

The server (gunicorn, tests/outage_settings.py) runs on this test's database with a Redis
of the test's own as cache and broker, as compose runs them; for the PostgreSQL test its
database connections go through a proxy the test cuts. The machine's shared services are
never stopped.
"""

import io
import os
import re
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import NewsIndexPage, NewsPage
from network.api import mailings_for
from network.models import Delivery, Subscriber
from tests.conftest import CeleryWorker, _database_url
from tests.outages import LiveServer, RedisServer, TcpProxy, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

API = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/", "/api/v2/press-releases/", "/api/v2/activities/"]
FEEDS = ["/nyheter/feed/", "/press/feed/", "/sitemap.xml", "/sok/?q=samverkan", "/natverket/"]
ADMIN = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/"]
SWEEP = "import django; django.setup(); from network.tasks import sweep_mailings_task; sweep_mailings_task()"


@pytest.fixture
def demo_site(eager_celery):
    call_command("load_demo", stdout=io.StringIO())
    # The first association's pages, by their path (with two associations Wagtail's URLs are absolute).
    root = Site.objects.get(is_default_site=True).root_page
    pages = Page.objects.live().public().descendant_of(root, inclusive=True).specific()
    return [page.get_url_parts()[2] for page in pages]


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.kill()


class WorkerOnOwnBroker(CeleryWorker):
    """A real worker on the test's own Redis broker, which the test process's Celery app cannot ping
    (it talks to the shared one): the mailing it sends is the proof that it runs."""

    def __init__(self, env):
        super().__init__(env["CELERY_TASK_DEFAULT_QUEUE"])
        self.env = env

    def wait_ready(self, timeout=60):
        if self.process.poll() is not None:
            raise RuntimeError(f"celery worker exited with {self.process.returncode}")


@pytest.fixture
def site_env(tmp_path):
    """The environment of the live server, its worker and scripts (the database is this test's)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.outage_settings",
        "DATABASE_URL": _database_url(),
        "CONN_MAX_AGE": "600",
        "CELERY_TASK_DEFAULT_QUEUE": f"outage-{uuid.uuid4().hex[:8]}",
        "NETWORK_TEST_MAIL_LOG": str(tmp_path / "sent.log"),
        "NETWORK_QUEUE_GRACE": "0",
        "VAR_DIR": str(tmp_path),
        "OUTAGE_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }


@pytest.fixture
def live_server_of(tmp_path):
    servers = []

    def start(env):
        servers.append(LiveServer(env, tmp_path / "gunicorn.log").start())
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def statuses(session, server, paths):
    return {path: session.get(server.url + path, timeout=30).status_code for path in paths}


def csrf_post(session, url, data):
    """Post a form the way a browser does: with the CSRF token of the page that shows it."""
    page = session.get(url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(url, {**data, "csrfmiddlewaretoken": token}, allow_redirects=False, timeout=30)


def all_sent(mailing):
    mailing.refresh_from_db()
    states = set(Delivery.objects.filter(mailing=mailing).values_list("state", flat=True))
    return mailing.snapshot_at is not None and states == {Delivery.State.SENT}


def test_with_redis_killed_the_site_answers_from_the_database_and_the_mailing_goes_out_when_it_returns(
    demo_site, redis_server, site_env, live_server_of
):
    site_env |= {"REDIS_URL": redis_server.url(0), "CELERY_BROKER_URL": redis_server.url(1)}
    server = live_server_of(site_env)
    public = [*demo_site, *FEEDS, *API]
    visitor = requests.Session()
    assert statuses(visitor, server, public) == dict.fromkeys(public, 200)

    redis_server.kill()

    assert statuses(visitor, server, public) == dict.fromkeys(public, 200)
    signup_form = visitor.get(server.url + "/natverket/", timeout=30).text
    signup = csrf_post(
        requests.Session(),
        server.url + "/natverket/",
        {
            "email": "under.avbrottet@example.org",
            "name": "Anna",
            "organisation": "forsakringskassan",
            "lists": re.search(r'name="lists" value="(\d+)"', signup_form).group(1),
            "consent": "on",
        },
    )
    assert signup.status_code == 302
    assert Subscriber.objects.filter(email="under.avbrottet@example.org").exists()

    editor = requests.Session()
    assert csrf_post(editor, server.url + "/admin/login/", {"username": "admin", "password": "demo"}).status_code == 302
    assert statuses(editor, server, ADMIN) == dict.fromkeys(ADMIN, 200)
    published = csrf_post(
        editor,
        f"{server.url}/admin/pages/add/home/newspage/{NewsIndexPage.objects.order_by('path').first().pk}/",
        nested_form_data(
            {
                "title": "Publicerad under avbrottet",
                "slug": "publicerad-under-avbrottet",
                "date": "2026-12-01",
                "lead": "Redis var nere.",
                "body": streamfield([]),
                "tags": "",
                "action-publish": "publish",
            }
        ),
    )
    assert published.status_code == 302, published.text[:3000]
    news = NewsPage.objects.get(slug="publicerad-under-avbrottet")
    assert news.live
    assert visitor.get(server.url + news.get_url_parts()[2], timeout=30).status_code == 200
    mailing = mailings_for(news).get()
    assert mailing.snapshot_at is None  # the broker was away: queued nowhere, lost nowhere

    redis_server.start()
    worker = WorkerOnOwnBroker(site_env).start()
    try:
        server.run(SWEEP)  # what beat runs every minute
        wait_for(lambda: all_sent(mailing), "the mailing published during the outage", timeout=120, every=1)
    finally:
        worker.stop()
    sent = [line.split("\t")[0] for line in Path(site_env["NETWORK_TEST_MAIL_LOG"]).read_text().splitlines()]
    assert len(sent) == len(set(sent)) == Delivery.objects.filter(mailing=mailing).count() > 0
    # The page cache comes back by itself once Redis answers again.
    wait_for(
        lambda: visitor.get(server.url + "/om-forbundet/", timeout=30).headers.get("X-Page-Cache") == "hit",
        "the page cache back",
        timeout=30,
        every=0.5,
    )


def test_with_postgresql_cut_off_cached_pages_are_served_and_healthz_says_what_is_down(
    demo_site, site_env, live_server_of
):
    database = urlparse(_database_url())
    proxy = TcpProxy(database.hostname, database.port or 5432).start()
    userinfo = database.netloc.rsplit("@", 1)[0]
    server = live_server_of(
        {**site_env, "DATABASE_URL": database._replace(netloc=f"{userinfo}@127.0.0.1:{proxy.port}").geturl()}
    )
    visitor = requests.Session()
    assert statuses(visitor, server, demo_site) == dict.fromkeys(demo_site, 200)
    cached = [
        path for path in demo_site if visitor.get(server.url + path, timeout=30).headers.get("X-Page-Cache") == "hit"
    ]
    assert len(cached) > 10
    uncacheable = sorted(set(demo_site) - set(cached))  # pages with a form set a CSRF cookie

    proxy.cut()
    try:
        assert statuses(visitor, server, cached) == dict.fromkeys(cached, 200)
        health = visitor.get(server.url + "/healthz", timeout=30)
        assert health.status_code == 503
        report = health.json()
        assert report["database"].startswith("error: ")
        assert report["cache"] == "ok"
        assert report["status"] == "error"
        for response in [visitor.get(server.url + path, timeout=30) for path in [*uncacheable, "/om-forbundet/?utm=x"]]:
            assert response.status_code == 503
            assert "tillfälligt otillgänglig" in response.text
            assert response.headers["Retry-After"] == "30"
    finally:
        proxy.restore()
    wait_for(lambda: visitor.get(server.url + "/healthz", timeout=30).status_code == 200, "the database back", 30)
    assert visitor.get(server.url + "/om-forbundet/?utm=y", timeout=30).status_code == 200
