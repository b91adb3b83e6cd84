"""Several hosts, shown working: two web processes and two workers sharing PostgreSQL, Redis and
object storage (moto's S3 server), as docs/operations.md "Scaling out" describes.

- A page published in the admin of one web process is fresh on the other at once: the page
  cache lives in the shared Redis and a publish replaces the shared content version.
- An image uploaded through one web process is rendered by the other from the shared bucket.
- A 5,000-recipient mailing worked by both workers reaches every recipient exactly once.
"""

import re
import socket
import urllib.request
from collections import Counter

import pytest
import requests
from django.conf import settings
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page

from network.models import Delivery
from site_lycksele.settings.base import media_storage
from tests.conftest import CeleryWorker
from tests.network.factories import subscribe
from tests.network.test_reliability import all_sent, assert_each_mailed_once, publish, wait_until
from tests.processes import Gunicorn, S3Server, served_database_url

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RECIPIENTS = 5_000


@pytest.fixture
def s3_bucket(monkeypatch):
    """The shared bucket; this process stores its uploads there too (the demo's brand images)."""
    with S3Server() as server:
        server.client().create_bucket(Bucket="lycksele-scale")
        env = server.settings_env("lycksele-scale")
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        with override_settings(STORAGES={**settings.STORAGES, "default": media_storage()}):
            yield env


@pytest.fixture
def two_web_processes(request, tmp_path, s3_bucket):
    request.getfixturevalue("home_page")
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.web_process_settings",
        "DATABASE_URL": served_database_url(tmp_path),
        "CONN_MAX_AGE": "0",
        **s3_bucket,
    }
    with (
        Gunicorn(env, workers=1, log=tmp_path / "web-a.log") as a,
        Gunicorn(env, workers=1, log=tmp_path / "web-b.log") as b,
    ):
        yield a, b


def admin_session(web, user):
    """Signed in to the admin of one web process, as a browser would be (cookies, CSRF)."""
    session = requests.Session()
    session.get(f"{web.url}/admin/login/", timeout=30)
    response = session.post(
        f"{web.url}/admin/login/",
        data={"username": user.username, "password": "pw", "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{web.url}/admin/login/"},
        timeout=30,
    )
    assert response.ok and "sessionid" in session.cookies, response.text[:500]
    return session


def public_get(web, path):
    response = requests.get(web.url + path, timeout=30)
    assert response.status_code == 200
    return response


def test_a_page_published_through_one_web_process_is_fresh_on_the_other(two_web_processes, admin_user):
    a, b = two_web_processes
    page = Page.objects.get(url_path__endswith="/om-forbundet/").specific
    for web in (a, b, a, b):
        public_get(web, "/om-forbundet/")
    assert public_get(b, "/om-forbundet/").headers["X-Page-Cache"] == "hit"

    page.title = "Om förbundet och dess uppdrag"
    page.save_revision()  # a draft: the public page is unchanged
    assert "dess uppdrag" not in public_get(b, "/om-forbundet/").text

    session = admin_session(a, admin_user)
    url = f"{a.url}/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    session.get(url, timeout=30)
    response = session.post(
        url,
        data={"csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.text[:2000]
    page.refresh_from_db()
    assert page.live and page.title == "Om förbundet och dess uppdrag"

    fresh = public_get(b, "/om-forbundet/")
    assert "Om förbundet och dess uppdrag" in fresh.text
    assert fresh.headers.get("X-Page-Cache") != "hit"


def test_an_image_uploaded_through_one_web_process_is_rendered_by_the_other(two_web_processes, admin_user):
    a, b = two_web_processes
    session = admin_session(a, admin_user)
    form = session.get(f"{a.url}/admin/images/add/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    png = get_test_image_file(filename="karta.png", size=(640, 400)).file.getvalue()
    response = session.post(
        f"{a.url}/admin/images/add/",
        data={"title": "Karta", "collection": Collection.get_first_root_node().pk, "csrfmiddlewaretoken": token},
        files={"file": ("karta.png", png, "image/png")},
        headers={"Referer": f"{a.url}/admin/images/add/"},
        timeout=60,
    )
    assert response.ok
    assert response.url.endswith("/admin/images/"), re.findall(r"error-message", response.text)
    image = get_image_model().objects.get(title="Karta")
    assert image.file.name.startswith("original_images/")

    # The other process's edit view renders a preview rendition from the shared bucket.
    edit = admin_session(b, admin_user).get(f"{b.url}/admin/images/{image.pk}/", timeout=60)
    assert edit.ok
    rendition_urls = re.findall(r'src="(http://127\.0\.0\.1:\d+/lycksele-scale/images/karta\.[^"]+)"', edit.text)
    assert rendition_urls, edit.text[:3000]
    with urllib.request.urlopen(rendition_urls[0].replace("&amp;", "&"), timeout=30) as rendition:
        assert rendition.status == 200
        assert rendition.read().startswith(b"\x89PNG")


def test_a_mailing_worked_by_two_workers_reaches_everyone_exactly_once(celery_queue, tmp_path, s3_bucket):
    subscribe("natverket", count=RECIPIENTS)
    log = tmp_path / "sent.log"
    workers = []
    try:
        for host in ("a", "b"):
            worker = CeleryWorker(celery_queue)
            worker.name = f"{celery_queue}-{host}@{socket.gethostname()}"
            worker.env.update(
                {
                    "DJANGO_SETTINGS_MODULE": "tests.network.network_worker_settings",
                    "NETWORK_TEST_MAIL_LOG": str(log),
                    "NETWORK_BATCH_SIZE": "250",
                    **s3_bucket,
                }
            )
            workers.append(worker.start())
        mailing = publish()
        wait_until(all_sent(mailing, RECIPIENTS), every=1)
    finally:
        for worker in workers:
            worker.stop()
    worker.log = log
    assert_each_mailed_once(worker, mailing, RECIPIENTS)
    # Both workers took part: the backend's log names each sending process.
    senders = Counter(line.split("\t")[1] for line in log.read_text().splitlines())
    assert len(senders) >= 2, senders
    assert Delivery.objects.filter(mailing=mailing).count() == RECIPIENTS
