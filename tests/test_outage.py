"""An outage degrades, never 500s: with Redis away the site answers from the database.

The in-process tests point the production cache backend at a port nobody listens on;
the ``services`` tests in tests/test_outage_services.py kill and restart a real Redis
and cut a real PostgreSQL under a live server.
"""

import io

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.cache.backends import redis as django_redis
from django.core.management import call_command
from django.db import OperationalError
from wagtail.models import Page, Site

from network.models import MailingList, Subscriber
from site_lycksele import redis_cache

pytestmark = pytest.mark.django_db

API_LISTS = ["pages/", "images/", "documents/", "press-releases/", "activities/"]
OTHER_PUBLIC = [
    "/nyheter/feed/",
    "/press/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/sok/?q=samverkan",
    "/aktivitetsplan/aktivitetsplan.csv",
    "/aktivitetsplan/aktivitetsplan.ics",
    "/natverket/",
    "/api/v2/openapi.json",
]
ADMIN = ["/admin/", "/admin/pages/", "/admin/snippets/", "/admin/images/", "/admin/documents/"]


@pytest.fixture
def demo_site():
    call_command("load_demo", stdout=io.StringIO())


def public_paths():
    """The first association's live public pages (the demo's second one answers on its own host)."""
    root = Site.objects.get(is_default_site=True).root_page
    pages = Page.objects.live().public().descendant_of(root, inclusive=True).specific()
    return [page.get_url() for page in pages]


def test_an_unreachable_redis_reads_as_an_empty_cache_that_forgets_every_write(unreachable_cache):
    assert cache.get("key", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("key", 1) is True
    assert cache.set("key", 1) is None
    assert cache.has_key("key") is False
    assert cache.delete("key") is False
    with pytest.raises(ValueError):
        cache.incr("key")
    assert cache.get_or_set("key", "computed") == "computed"


def test_after_a_failure_the_cache_is_left_alone_for_a_while(unreachable_cache, monkeypatch):
    calls = []
    real_get = django_redis.RedisCacheClient.get

    def counting_get(self, *args, **kwargs):
        calls.append(args)
        return real_get(self, *args, **kwargs)

    monkeypatch.setattr(django_redis.RedisCacheClient, "get", counting_get)
    for _ in range(5):
        assert cache.get("key") is None
    assert len(calls) == 1

    monkeypatch.setattr(redis_cache, "RETRY_AFTER", 0)
    cache._outage.begin("expired")
    cache.get("key")
    assert len(calls) == 2


def test_with_redis_down_every_public_page_feed_and_api_list_answers(client, demo_site, unreachable_cache, settings):
    settings.PAGE_CACHE_ENABLED = True
    paths = public_paths()
    assert len(paths) > 10
    paths += OTHER_PUBLIC + [f"/api/v2/{endpoint}" for endpoint in API_LISTS]
    failing = {}
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:
            failing[path] = response.status_code
    assert failing == {}


def test_with_redis_down_the_signup_works(client, home_page, unreachable_cache, eager_celery):
    form = client.get("/natverket/")
    assert form.status_code == 200
    response = client.post(
        "/natverket/",
        {
            "email": "anna@example.org",
            "name": "Anna",
            "organisation": "forsakringskassan",
            "lists": [str(MailingList.objects.get(slug="natverket").pk)],
            "consent": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Subscriber.objects.filter(email="anna@example.org").exists()


def test_with_redis_down_the_admin_works(client, demo_site, unreachable_cache):
    client.force_login(User.objects.get(username="admin"))
    edit = f"/admin/pages/{Page.objects.filter(slug='om-forbundet').order_by('path').first().pk}/edit/"
    failing = {path: client.get(path, follow=True).status_code for path in [*ADMIN, edit]}
    assert failing == dict.fromkeys([*ADMIN, edit], 200)


def test_a_request_the_database_cannot_serve_gets_503_not_500(client, home_page, monkeypatch):
    def database_away(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(Site, "find_for_request", database_away)
    response = client.get("/om-forbundet/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "tillfälligt otillgänglig" in response.content.decode()
    assert "Content-Security-Policy" in response


def test_other_errors_are_left_to_the_500_handler(client, home_page, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Site, "find_for_request", broken)
    client.raise_request_exception = False
    assert client.get("/om-forbundet/").status_code == 500
