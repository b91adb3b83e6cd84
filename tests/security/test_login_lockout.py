"""django-axes locks out repeated failed admin logins per user name and client address."""

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from network.ratelimit import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


@pytest.fixture
def editor(db):
    return User.objects.create_user("redaktor", password="rätt-lösenord", is_staff=True, is_superuser=True)


def attempt(client, username, password, **meta):
    return client.post(LOGIN, {"username": username, "password": password}, **meta)


def logged_in(client):
    return "_auth_user_id" in client.session


def test_failed_logins_lock_out_that_user_from_that_address(client, axes_on, editor):
    for _ in range(2):
        response = attempt(client, "redaktor", "fel", REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 200
    assert attempt(client, "redaktor", "fel", REMOTE_ADDR="198.51.100.7").status_code == 429
    locked = attempt(client, "redaktor", "rätt-lösenord", REMOTE_ADDR="198.51.100.7")
    assert locked.status_code == 429
    assert "För många misslyckade inloggningar" in locked.content.decode()
    assert not logged_in(client)


def test_the_same_user_from_another_address_and_another_user_still_log_in(client, axes_on, editor):
    User.objects.create_user("kollega", password="hemligt", is_staff=True, is_superuser=True)
    for _ in range(3):
        attempt(client, "redaktor", "fel", REMOTE_ADDR="198.51.100.7")
    assert attempt(client, "redaktor", "rätt-lösenord", REMOTE_ADDR="198.51.100.7").status_code == 429

    assert attempt(client, "kollega", "hemligt", REMOTE_ADDR="198.51.100.7").status_code == 302
    assert logged_in(client)
    client.logout()
    assert attempt(client, "redaktor", "rätt-lösenord", REMOTE_ADDR="203.0.113.5").status_code == 302
    assert logged_in(client)


def test_behind_a_proxy_the_forwarded_client_is_locked_out_not_the_proxy(client, axes_on, editor, settings):
    settings.NETWORK_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(3):
        attempt(client, "redaktor", "fel", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert attempt(client, "redaktor", "rätt-lösenord", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 429
    # A forged left-most entry does not change who the client is...
    forged = attempt(client, "redaktor", "rätt-lösenord", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", **proxy)
    assert forged.status_code == 429
    # ...and another client behind the same proxy is not affected.
    other = attempt(client, "redaktor", "rätt-lösenord", HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert other.status_code == 302


def test_axes_reads_the_client_address_like_the_public_forms(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "network.ratelimit.client_ip"
    assert settings.NETWORK_TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        (2, "198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "1.2.3.4, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "10.0.0.9", "10.0.0.2"),
        (1, " , ,", "10.0.0.2"),
    ],
)
def test_client_ip_trusts_only_the_entries_our_proxies_wrote(settings, proxies, forwarded, expected):
    settings.NETWORK_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
