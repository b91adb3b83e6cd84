"""Login and password reset throttling: per account and address, per account, per address; behind the proxy too."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import caches
from django.test import RequestFactory

from network.ratelimit import client_ip
from site_lycksele import throttling

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8


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


@pytest.mark.parametrize(
    ("remote_addr", "networks", "expected"),
    [
        ("203.0.113.9", [], "203.0.113.9"),  # a public address: the request bypassed the proxy
        ("127.0.0.1", [], "198.51.100.7"),
        ("172.18.0.5", [], "198.51.100.7"),  # a container network
        ("172.18.0.5", ["192.0.2.0/24"], "172.18.0.5"),
        ("192.0.2.44", ["192.0.2.0/24"], "198.51.100.7"),
        ("not-an-address", [], "not-an-address"),
    ],
)
def test_the_forwarded_address_is_trusted_only_from_the_proxy_networks(settings, remote_addr, networks, expected):
    settings.NETWORK_TRUSTED_PROXY_COUNT = 1
    settings.NETWORK_TRUSTED_PROXY_NETWORKS = networks
    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client_ip(request) == expected


def test_failures_across_many_accounts_lock_out_the_address(client, axes_on, editor):
    for n in range(8):
        assert attempt(client, f"gissning-{n}", "fel", REMOTE_ADDR="198.51.100.7").status_code in (200, 429)
    assert attempt(client, "redaktor", "rätt-lösenord", REMOTE_ADDR="198.51.100.7").status_code == 429
    assert not logged_in(client)
    assert attempt(client, "redaktor", "rätt-lösenord", REMOTE_ADDR="203.0.113.5").status_code == 302


def test_failures_from_many_addresses_lock_out_the_account(client, axes_on, editor):
    User.objects.create_user("kollega", password="hemligt", is_staff=True)
    for n in range(4):
        assert attempt(client, "redaktor", "fel", REMOTE_ADDR=f"198.51.100.{n + 10}").status_code == 200
    assert attempt(client, "redaktor", "fel", REMOTE_ADDR="198.51.100.20").status_code == 429
    assert attempt(client, "redaktor", "rätt-lösenord", REMOTE_ADDR="203.0.113.5").status_code == 429
    assert not logged_in(client)
    assert attempt(client, "kollega", "hemligt", REMOTE_ADDR="203.0.113.5").status_code == 302


def test_below_every_limit_nobody_is_locked_out(client, axes_on, editor):
    for n in range(4):
        attempt(client, "redaktor", "fel", REMOTE_ADDR=f"198.51.100.{n + 10}")
    for n in range(6):
        attempt(client, f"annan-{n}", "fel", REMOTE_ADDR="198.51.100.10")
    assert attempt(client, "redaktor", "rätt-lösenord", REMOTE_ADDR="198.51.100.10").status_code == 302


def test_logging_into_an_own_account_does_not_wipe_the_count_of_guesses(client, axes_on, editor):
    User.objects.create_user("angripare", password="eget", is_staff=True)
    for round_ in range(4):
        for n in range(2):
            attempt(client, f"offer-{round_}-{n}", "fel", REMOTE_ADDR="198.51.100.7")
        assert attempt(client, "angripare", "eget", REMOTE_ADDR="198.51.100.7").status_code in (302, 429)
        client.logout()
    assert attempt(client, "redaktor", "rätt-lösenord", REMOTE_ADDR="198.51.100.7").status_code == 429


def test_rotating_forwarded_for_past_the_proxy_does_not_escape_the_lockout(client, axes_on, editor, settings):
    settings.NETWORK_TRUSTED_PROXY_COUNT = 1
    direct = {"REMOTE_ADDR": "203.0.113.66"}  # the app reached without the proxy, from the internet
    for n in range(3):
        attempt(client, "redaktor", "fel", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", **direct)
    locked = attempt(client, "redaktor", "rätt-lösenord", HTTP_X_FORWARDED_FOR="198.51.100.99", **direct)
    assert locked.status_code == 429


def test_the_lockout_limits_follow_the_lockout_parameters(settings):
    assert settings.AXES_LOCKOUT_PARAMETERS == [parameters for parameters, _limit in throttling.LOCKOUT_LIMITS]
    assert settings.AXES_HANDLER == "site_lycksele.throttling.LockoutHandler"


RESET = "/admin/password_reset/"


@pytest.fixture
def fresh_limits(monkeypatch):
    monkeypatch.setattr(caches["default"], "key_prefix", f"reset-{id(monkeypatch)}")


def test_password_reset_is_throttled_per_address(client, editor, settings, fresh_limits):
    editor.email = "redaktor@example.org"
    editor.save()
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 2
    settings.PASSWORD_RESET_ACCOUNT_LIMIT = 10
    for n in range(2):
        response = client.post(RESET, {"email": f"nagon-{n}@example.org"}, REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 302
    blocked = client.post(RESET, {"email": "redaktor@example.org"}, REMOTE_ADDR="198.51.100.7")
    assert blocked.status_code == 429
    assert "För många begäranden om nytt lösenord" in blocked.content.decode()
    assert mail.outbox == []
    assert client.post(RESET, {"email": "redaktor@example.org"}, REMOTE_ADDR="203.0.113.5").status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_is_throttled_per_account_from_any_address(client, editor, settings, fresh_limits):
    editor.email = "redaktor@example.org"
    editor.save()
    settings.PASSWORD_RESET_ACCOUNT_LIMIT = 2
    for n in range(2):
        assert client.post(RESET, {"email": "Redaktor@example.org"}, REMOTE_ADDR=f"198.51.100.{n}").status_code == 302
    blocked = client.post(RESET, {"email": "redaktor@example.org "}, REMOTE_ADDR="198.51.100.50")
    assert blocked.status_code == 429
    assert len(mail.outbox) == 2
