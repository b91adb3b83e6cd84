"""Faults with the real services: a killed worker, a broker away, a database restart, a slow or failing provider.

Each test ends with every recipient mailed exactly once: one sent delivery each, and
each address exactly once in the log of the backend the worker sent through.
"""

import functools
import socket
import time
from collections import Counter

import pytest
from django.db import connection, transaction

from network import api, tasks
from network.models import Delivery, Mailing, MailingList
from site_lycksele.celery import app
from tests.network.factories import subscribe

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def wait_until(condition, *, timeout=120, every=0.5, between=None):
    """Poll ``condition`` until it is true (calling ``between`` after each miss); fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            states = Counter(Delivery.objects.values_list("state", "attempts"))
            pytest.fail(f"gave up waiting for {condition.__doc__ or condition}; deliveries (state, attempts): {states}")
        if between:
            between()
        time.sleep(every)


def publish(announced=None):
    """Announce an object (a list stands in for a published page) to natverket."""
    with transaction.atomic():
        return api.announce(
            announced or MailingList.objects.get(slug="media"),
            lists=["natverket"],
            subject="Nyhet",
            template="network/email/base",
            url="/nyheter/nyhet/",
        )


def sent_lines(worker):
    return [line.split("\t")[0] for line in worker.log.read_text().splitlines()] if worker.log.exists() else []


def assert_each_mailed_once(worker, mailing, count):
    lines = sent_lines(worker)
    twice = [email for email, times in Counter(lines).items() if times > 1]
    assert not twice, (
        [line for line in worker.log.read_text().splitlines() if line.split("\t")[0] in twice[:3]],
        list(
            Delivery.objects.filter(email__in=twice[:3]).values_list(
                "email", "attempts", "claimed_at", "sent_at", "updated_at"
            )
        ),
    )
    assert len(lines) == count
    assert max(Counter(lines).values()) == 1
    assert set(lines) == {f"person{n}@example.org" for n in range(count)}
    deliveries = Delivery.objects.filter(mailing=mailing)
    assert deliveries.count() == count
    assert set(deliveries.values_list("state", flat=True)) == {"sent"}
    assert Mailing.objects.get(pk=mailing.pk).state == Mailing.State.DONE


def all_sent(mailing, count):
    def condition():
        """all deliveries sent and the mailing done"""
        return (
            Delivery.objects.filter(mailing=mailing, state="sent").count() == count
            and Mailing.objects.get(pk=mailing.pk).state == Mailing.State.DONE
        )

    return condition


def settled_claims(mailing):
    """The deliveries held by a paused worker, once its other task has finished or paused too."""

    def claimed():
        return set(Delivery.objects.filter(mailing=mailing, state="sending").values_list("pk", flat=True))

    held = claimed()
    while True:
        time.sleep(1)
        now = claimed()
        if now == held and held:
            return held
        held = now


def test_worker_killed_mid_mailing_is_recovered_quickly_and_mails_nobody_twice(mail_worker, settings):
    """The same mailing undisturbed, then with the worker killed mid-batch: recovery costs a fraction of a run.

    The lease is a quarter of the undisturbed run, so the ratio measures the mechanism
    (renewed while alive, taken back once it runs out) rather than this machine's speed.
    """
    count = 10_000
    subscribe("natverket", count=count)
    worker = mail_worker(NETWORK_MERGE_FIELD="{{NAME}}", NETWORK_BATCH_SIZE=500)
    started = time.monotonic()
    undisturbed = publish(MailingList.objects.get(slug="lsg"))
    wait_until(all_sent(undisturbed, count), every=0.1)
    undisturbed_seconds = time.monotonic() - started
    assert_each_mailed_once(worker, undisturbed, count)
    worker.log.unlink()

    settings.NETWORK_LEASE = lease = max(1.0, undisturbed_seconds / 4)
    worker = mail_worker(
        NETWORK_MERGE_FIELD="{{NAME}}", NETWORK_BATCH_SIZE=500, NETWORK_LEASE=lease, NETWORK_TEST_PAUSE_AT=4000
    )
    mailing = publish()
    paused = worker.log.with_name("sent.log.paused")
    wait_until(paused.exists)
    held = settled_claims(mailing)
    # The provider call hangs for longer than the lease: the living worker keeps renewing it.
    beyond_lease = time.monotonic() + 2 * lease
    while time.monotonic() < beyond_lease:
        tasks.sweep_mailings_task()
        time.sleep(0.2)
    assert Delivery.objects.filter(pk__in=held, state="sending").count() == len(held)
    states = Counter(Delivery.objects.filter(mailing=mailing).values_list("state", flat=True))
    assert states["sent"] >= 4000 and states["pending"] >= 1
    worker.kill()

    del worker.env["NETWORK_TEST_PAUSE_AT"]
    worker.start()
    restarted = time.monotonic()
    wait_until(all_sent(mailing, count), every=0.25, between=tasks.sweep_mailings_task)
    recovery_seconds = time.monotonic() - restarted
    assert_each_mailed_once(worker, mailing, count)
    assert Delivery.objects.filter(mailing=mailing, pk__in=held, attempts=2).count() == len(held)
    # Six tenths of the work were left; a fixed timeout would add many runs' worth of waiting.
    assert recovery_seconds < 1.5 * undisturbed_seconds, (recovery_seconds, undisturbed_seconds)


def test_publishing_while_the_broker_is_away_succeeds_and_the_sweep_sends_later(mail_worker, settings, monkeypatch):
    settings.NETWORK_QUEUE_GRACE = 0
    subscribe("natverket", count=50)
    worker = mail_worker()
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    away = app.connection_for_write(f"redis://127.0.0.1:{closed_port}/0")
    monkeypatch.setattr(
        tasks.prepare_mailing_task,
        "apply_async",
        functools.partial(tasks.prepare_mailing_task.apply_async, connection=away),
    )

    mailing = publish()

    assert Mailing.objects.get(pk=mailing.pk).snapshot_at is None
    assert not sent_lines(worker)
    monkeypatch.undo()  # the broker is back
    wait_until(all_sent(mailing, 50), between=tasks.sweep_mailings_task)
    assert_each_mailed_once(worker, mailing, 50)


def test_database_restarting_during_a_mailing(mail_worker, settings):
    settings.NETWORK_LEASE = 1
    count = 600
    subscribe("natverket", count=count)
    worker = mail_worker(
        NETWORK_MERGE_FIELD="",
        NETWORK_LEASE=1,
        NETWORK_TEST_SLOW_SECONDS=0.005,
        NETWORK_TEST_SLOW_CALLS=10**9,
    )
    mailing = publish()

    for threshold in (100, 300):
        wait_until(lambda threshold=threshold: len(sent_lines(worker)) >= threshold, every=0.05)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchone()[0] >= 1

    wait_until(all_sent(mailing, count), between=tasks.sweep_mailings_task)
    assert_each_mailed_once(worker, mailing, count)


@pytest.mark.parametrize(
    "faults",
    [
        pytest.param({"NETWORK_TEST_SLOW_SECONDS": 30, "NETWORK_TEST_SLOW_CALLS": 3}, id="slow-30s-times-out"),
        pytest.param({"NETWORK_TEST_FAIL_RATE": 0.3}, id="failing-30pct"),
    ],
)
def test_slow_or_failing_provider_is_retried_until_everyone_has_it_once(mail_worker, settings, faults):
    settings.NETWORK_LEASE = 1
    count = 300
    subscribe("natverket", count=count)
    worker = mail_worker(
        NETWORK_MERGE_FIELD="",
        NETWORK_PROVIDER_TIMEOUT=0.5,
        NETWORK_RETRY_BASE=0.2,
        NETWORK_RETRY_MAX=1,
        NETWORK_MAX_ATTEMPTS=30,
        NETWORK_CIRCUIT_BREAK=10,
        NETWORK_LEASE=1,
        **faults,
    )
    mailing = publish()

    wait_until(all_sent(mailing, count), between=tasks.sweep_mailings_task)
    assert_each_mailed_once(worker, mailing, count)
    assert Delivery.objects.filter(mailing=mailing, attempts__gt=1).exists()


def test_sweeping_while_a_batch_is_in_flight_sends_nothing_twice(mail_worker, settings):
    settings.NETWORK_LEASE = 1
    count = 200
    subscribe("natverket", count=count)
    worker = mail_worker(
        NETWORK_MERGE_FIELD="",
        NETWORK_LEASE=1,
        NETWORK_TEST_SLOW_SECONDS=0.03,
        NETWORK_TEST_SLOW_CALLS=10**9,
    )
    mailing = publish()

    wait_until(all_sent(mailing, count), every=0.2, between=tasks.sweep_mailings_task)
    assert_each_mailed_once(worker, mailing, count)


def test_a_provider_call_longer_than_the_lease_keeps_its_deliveries(mail_worker, settings):
    settings.NETWORK_LEASE = 1
    count = 300
    subscribe("natverket", count=count)
    worker = mail_worker(
        NETWORK_MERGE_FIELD="{{NAME}}",
        NETWORK_BATCH_SIZE=100,
        NETWORK_LEASE=1,
        NETWORK_TEST_SLOW_SECONDS=3,
        NETWORK_TEST_SLOW_CALLS=10**9,
    )
    mailing = publish()

    wait_until(all_sent(mailing, count), every=0.2, between=tasks.sweep_mailings_task)
    assert_each_mailed_once(worker, mailing, count)
    assert set(Delivery.objects.filter(mailing=mailing).values_list("attempts", flat=True)) == {1}
