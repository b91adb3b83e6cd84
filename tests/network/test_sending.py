"""Sending, in-process: recipients, message content, batching, retries and the sweep."""

import smtplib
import time
from datetime import timedelta
from email import message_from_bytes

import pytest
from anymail.exceptions import AnymailAPIError, AnymailInvalidAddress
from django.core import mail
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.associations import default_association
from network import api, checks, conf, deliveries, sending, tasks
from network.models import Delivery, Mailing, MailingList, Subscriber, Suppression, email_hash
from network.tokens import read_token
from tests.network import recording_backend
from tests.network.factories import SubscriberFactory, SubscriptionFactory, subscribe

pytestmark = pytest.mark.django_db


def announce(lists=("natverket",), **kwargs):
    """A mailing as a publish creates it (its queueing after commit is not run: tests drive the tasks)."""
    return api.announce(
        MailingList.objects.get(slug="media"),
        lists=list(lists),
        subject="Nytt från förbundet",
        template="network/email/base",
        url="/nyheter/nytt/",
        **kwargs,
    )


def deliver(mailing):
    deliveries.snapshot(mailing.pk, sending.render)
    tasks.send_mailing_task(mailing.pk)
    return {d.email: d for d in Delivery.objects.filter(mailing=mailing)}


def logged(log):
    return [line.split("\t")[0] for line in log.read_text().splitlines()]


@pytest.fixture
def recording(settings, tmp_path, monkeypatch):
    """The recording test backend in this process; returns the log of accepted addresses."""
    settings.EMAIL_BACKEND = "tests.network.recording_backend.EmailBackend"
    monkeypatch.setattr(recording_backend, "CALLS", [0])
    log = tmp_path / "sent.log"
    monkeypatch.setenv("NETWORK_TEST_MAIL_LOG", str(log))
    return log


def test_recipients_are_the_union_of_lists_confirmed_not_suppressed_each_once():
    media = MailingList.objects.get(slug="media")
    both = SubscriptionFactory().subscriber
    SubscriptionFactory(subscriber=both, mailing_list=media)
    SubscriptionFactory(subscriber=SubscriberFactory(confirmed_at=None))
    SubscriptionFactory(unsubscribed_at=timezone.now())
    SubscriptionFactory(confirmed_at=None)
    SubscriptionFactory(mailing_list=MailingList.objects.get(slug="lsg"))
    suppressed = SubscriptionFactory(mailing_list=media).subscriber
    Suppression.objects.create(email_hash=email_hash(f"  {suppressed.email.upper()} "), reason="unsubscribed")

    mailing = announce(lists=["natverket", "media"])
    deliveries = deliver(mailing)

    assert list(deliveries) == [both.email]
    assert deliveries[both.email].state == Delivery.State.SENT
    assert [m.to for m in mail.outbox] == [[both.email]]
    mailing.refresh_from_db()
    assert (mailing.state, mailing.recipient_count) == (Mailing.State.DONE, 1)
    assert mailing.finished_at is not None


def test_snapshot_twice_creates_nothing_twice():
    subscribe("natverket", count=5)
    mailing = announce()
    assert deliveries.snapshot(mailing.pk, sending.render) is True
    assert deliveries.snapshot(mailing.pk, sending.render) is False
    assert Delivery.objects.filter(mailing=mailing).count() == 5


def test_email_is_personal_swedish_inlined_with_both_parts_and_one_click_headers(settings):
    settings.NETWORK_UNSUBSCRIBE_MAILTO = "avregistrera@example.org"
    person = SubscriptionFactory().subscriber
    mailing = announce(context={"site_name": "Samordningsförbundet Lycksele", "logo_url": "https://x.test/logo.png"})
    delivery = deliver(mailing)[person.email]
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    unsubscribe = html.split('href="http://testserver/natverket/avregistrera/')[1].split("/")[0]

    assert read_token(unsubscribe, "unsubscribe") == person
    assert "http://testserver/natverket/installningar/" in html
    assert 'lang="sv"' in html and "Läs mer på webbplatsen" in html
    assert 'href="http://testserver/nyheter/nytt/"' in html
    assert 'src="https://x.test/logo.png" alt="Samordningsförbundet Lycksele"' in html
    assert 'style="' in html.split('class="button"')[1].split(">")[0]  # CSS inlined
    assert "__NETWORK_" not in html + message.body
    assert f"http://testserver/natverket/avregistrera/{unsubscribe}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    raw = message_from_bytes(message.message().as_bytes())
    header = raw["List-Unsubscribe"]
    assert "\n" not in header
    assert header.startswith(f"<http://testserver/natverket/avregistrera/{unsubscribe}/>,<mailto:avregistrera@")
    assert (
        delivery.provider_message_id
        == raw["Message-ID"]
        == f"<{mailing.pk}.{delivery.pk}@testserver>"  # the domain of SITE_URL
    )


def test_every_recipient_gets_their_own_links():
    subscribe("natverket", count=3)
    deliver(announce())
    links = {m.extra_headers["List-Unsubscribe"] for m in mail.outbox}
    assert len(links) == 3
    assert sorted(
        read_token(link[1:-1].rstrip("/").rsplit("/", 1)[1], "unsubscribe").email for link in links
    ) == sorted(m.to[0] for m in mail.outbox)


def test_anymail_backend_gets_merge_data_batches(settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.NETWORK_BATCH_SIZE = 3
    subscribe("natverket", count=7)
    deliveries = deliver(announce())

    assert [len(m.to) for m in mail.outbox] == [3, 3, 1]
    first = mail.outbox[0]
    params = first.anymail_test_params
    assert params["is_batch_send"] is True
    assert set(params["merge_data"]) == set(first.to)
    assert "{{unsubscribe_url}}" in params["html_body"] and "{{manage_url}}" in params["text_body"]
    headers = params["merge_headers"][first.to[0]]
    assert headers["List-Unsubscribe"] == f"<{params['merge_data'][first.to[0]]['unsubscribe_url']}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert {d.state for d in deliveries.values()} == {Delivery.State.SENT}
    assert {d.provider_message_id for d in deliveries.values()} == {"0", "1", "2"}


def test_sending_costs_the_same_queries_for_few_or_many(settings, django_assert_max_num_queries):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.NETWORK_BATCH_SIZE = 1000
    sending.association_context(default_association())  # the association's settings exist, as in an installation
    for count, prefix in ((10, "few"), (600, "many")):
        Delivery.objects.all().delete()
        subscribe("natverket", count=count, prefix=prefix)
        mailing = announce(resend=True)
        with CaptureQueriesContext(connection) as snapshot:
            deliveries.snapshot(mailing.pk, sending.render)
        # SQLite splits a bulk insert into statements of 999 parameters; PostgreSQL needs one per chunk;
        # one of them reads the association's organisation settings (its name, logo and sender)
        assert len([q for q in snapshot.captured_queries if not q["sql"].startswith("INSERT")]) <= 10
        with django_assert_max_num_queries(12):
            tasks.send_mailing_task(mailing.pk)
        assert set(Delivery.objects.filter(mailing=mailing).values_list("state", flat=True)) == {"sent"}


def test_transient_error_retries_later_with_backoff_then_dies_at_the_cap(settings, recording, monkeypatch):
    settings.NETWORK_MAX_ATTEMPTS = 2
    settings.NETWORK_RETRY_BASE = 60
    monkeypatch.setenv("NETWORK_TEST_FAIL_RATE", "1")
    person = SubscriptionFactory().subscriber
    mailing = announce()
    delivery = deliver(mailing)[person.email]

    assert (delivery.state, delivery.attempts) == ("pending", 1)
    assert "503" in delivery.error or "simulated provider error" in delivery.error
    assert timedelta(seconds=59) < delivery.next_attempt_at - timezone.now() < timedelta(seconds=67)
    tasks.send_mailing_task(mailing.pk)  # not due yet: nothing is tried
    assert Delivery.objects.get(pk=delivery.pk).attempts == 1

    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    tasks.send_mailing_task(mailing.pk)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("failed", 2)
    assert "Gav upp efter 2 försök" in delivery.error
    assert not recording.exists()


def test_backoff_doubles_per_attempt_up_to_the_maximum(settings):
    settings.NETWORK_RETRY_BASE, settings.NETWORK_RETRY_MAX = 10, 100
    for attempts, seconds in ((1, 10), (2, 20), (3, 40), (4, 80), (5, 100), (9, 100)):
        assert seconds <= deliveries.backoff(attempts).total_seconds() <= seconds * 1.1


def test_permanent_rejection_is_recorded_and_never_retried(settings, recording, monkeypatch):
    monkeypatch.setenv("NETWORK_TEST_FAIL_RATE", "1")
    monkeypatch.setenv("NETWORK_TEST_FAIL_STATUS", "400")
    person = SubscriptionFactory().subscriber
    mailing = announce()
    delivery = deliver(mailing)[person.email]
    assert (delivery.state, delivery.attempts) == ("failed", 1)
    assert "Avvisat av leverantören" in delivery.error
    queued = []
    monkeypatch.setattr(tasks, "enqueue", lambda task, *args: queued.append((task.name, args)))
    tasks.sweep_mailings_task()
    assert queued == []
    assert Mailing.objects.get(pk=mailing.pk).state == Mailing.State.FAILED  # nobody got it


def test_recipient_rejected_by_the_provider_fails_alone(settings, recording, monkeypatch):
    settings.NETWORK_MERGE_FIELD = "{{NAME}}"
    monkeypatch.setenv("NETWORK_TEST_REJECT", "person1@")
    subscribe("natverket", count=3)
    deliveries = deliver(announce())
    assert {email: d.state for email, d in deliveries.items()} == {
        "person0@example.org": "sent",
        "person1@example.org": "failed",
        "person2@example.org": "sent",
    }
    assert sorted(logged(recording)) == ["person0@example.org", "person2@example.org"]


def test_provider_timeout_is_retried_not_lost(settings, recording, monkeypatch):
    settings.NETWORK_PROVIDER_TIMEOUT = 0.05
    monkeypatch.setenv("NETWORK_TEST_SLOW_CALLS", "1")
    monkeypatch.setenv("NETWORK_TEST_SLOW_SECONDS", "30")
    subscribe("natverket", count=3)
    mailing = announce()
    deliveries = deliver(mailing)
    assert sorted(d.state for d in deliveries.values()) == ["pending", "sent", "sent"]
    timed_out = next(d for d in deliveries.values() if d.state == "pending")
    assert "timed out" in timed_out.error

    Delivery.objects.filter(pk=timed_out.pk).update(next_attempt_at=timezone.now())
    tasks.send_mailing_task(mailing.pk)
    assert sorted(logged(recording)) == sorted(deliveries)
    assert Mailing.objects.get(pk=mailing.pk).state == Mailing.State.DONE


def test_consecutive_transient_errors_stop_the_task_and_give_back_untried_deliveries(settings, recording, monkeypatch):
    settings.NETWORK_CIRCUIT_BREAK = 3
    monkeypatch.setenv("NETWORK_TEST_FAIL_RATE", "1")
    subscribe("natverket", count=5)
    deliveries = deliver(announce())
    assert sorted((d.state, d.attempts, d.next_attempt_at is None) for d in deliveries.values()) == [
        ("pending", 0, True),
        ("pending", 0, True),
        ("pending", 1, False),
        ("pending", 1, False),
        ("pending", 1, False),
    ]


def test_claims_never_overlap_and_skip_deliveries_not_due():
    subscribe("natverket", count=5)
    mailing = announce()
    deliveries.snapshot(mailing.pk, sending.render)
    Delivery.objects.filter(email="person4@example.org").update(next_attempt_at=timezone.now() + timedelta(hours=1))
    first = deliveries.claim(mailing.pk, 2)
    second = deliveries.claim(mailing.pk, 10)
    assert len(first) == 2 and len(second) == 2
    assert not {row[0] for row in first} & {row[0] for row in second}
    assert deliveries.claim(mailing.pk, 10) == []
    assert Delivery.objects.filter(state="sending", attempts=1).count() == 4


@pytest.mark.parametrize(
    "withdraw",
    [
        lambda person: person.subscriptions.update(unsubscribed_at=timezone.now()),
        lambda person: Subscriber.objects.filter(pk=person.pk).update(confirmed_at=None),
        lambda person: Suppression.objects.create(email_hash=email_hash(f" {person.email.upper()}"), reason="bounced"),
    ],
    ids=["unsubscribed", "unconfirmed", "suppressed"],
)
def test_recipient_who_withdrew_after_the_snapshot_is_not_mailed(withdraw):
    person, other = (SubscriptionFactory().subscriber for _ in range(2))
    mailing = announce()
    deliveries.snapshot(mailing.pk, sending.render)
    withdraw(person)
    tasks.send_mailing_task(mailing.pk)
    assert [m.to for m in mail.outbox] == [[other.email]]
    states = dict(Delivery.objects.filter(mailing=mailing).values_list("email", "state"))
    assert states == {person.email: "failed", other.email: "sent"}


def test_sweep_requeues_lost_work_and_leaves_work_in_flight(settings, monkeypatch):
    settings.NETWORK_LEASE = 60
    settings.NETWORK_QUEUE_GRACE = 60
    queued = []
    monkeypatch.setattr(tasks, "enqueue", lambda task, *args: queued.append((task.name, args)))
    subscribe("natverket", count=3)
    in_flight, lost = announce(), announce(resend=True)
    for mailing in (in_flight, lost):
        deliveries.snapshot(mailing.pk, sending.render)
        deliveries.claim(mailing.pk, 10)
    Delivery.objects.filter(mailing=lost).update(claimed_at=timezone.now() - timedelta(minutes=5))
    never_queued = announce(resend=True)
    Mailing.objects.filter(pk=never_queued.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    fresh = announce(resend=True)

    tasks.sweep_mailings_task()

    assert sorted(queued) == [
        ("network.tasks.prepare_mailing_task", (never_queued.pk,)),
        ("network.tasks.send_mailing_task", (lost.pk,)),
    ]
    assert set(Delivery.objects.filter(mailing=in_flight).values_list("state", flat=True)) == {"sending"}
    assert set(Delivery.objects.filter(mailing=lost).values_list("state", flat=True)) == {"pending"}
    assert fresh.pk not in [args[0] for _, args in queued]


def test_sweep_gives_up_a_delivery_that_keeps_killing_its_worker(settings, monkeypatch):
    settings.NETWORK_MAX_ATTEMPTS = 1
    monkeypatch.setattr(tasks, "enqueue", lambda task, *args: None)
    SubscriptionFactory()
    mailing = announce()
    deliveries.snapshot(mailing.pk, sending.render)
    deliveries.claim(mailing.pk, 10)
    Delivery.objects.update(claimed_at=timezone.now() - timedelta(hours=1))
    tasks.sweep_mailings_task()
    delivery = Delivery.objects.get()
    assert delivery.state == "failed" and "Gav upp efter 1 försök" in delivery.error
    assert Mailing.objects.get(pk=mailing.pk).state == Mailing.State.FAILED  # nobody got it


def test_publishing_succeeds_when_the_broker_refuses(monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.prepare_mailing_task, "apply_async", refuse)
    assert tasks.queue_mailing(1) is False
    assert "the sweep will retry" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_write_waits_out_a_restart(monkeypatch):
    monkeypatch.setattr(deliveries.time, "sleep", lambda seconds: None)
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("terminating connection due to administrator command")
        return "done"

    assert deliveries.db_retry(flaky) == "done"
    assert len(calls) == 3


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (AnymailAPIError("x", status_code=503), sending.TRANSIENT),
        (AnymailAPIError("x", status_code=429), sending.TRANSIENT),
        (AnymailAPIError("timed out", status_code=None), sending.TRANSIENT),
        (AnymailAPIError("x", status_code=400), sending.PERMANENT),
        (AnymailAPIError("x", status_code=401), sending.PERMANENT),
        (AnymailInvalidAddress("x"), sending.PERMANENT),
        (smtplib.SMTPResponseException(550, b"no such user"), sending.PERMANENT),
        (smtplib.SMTPResponseException(451, b"try later"), sending.TRANSIENT),
        (smtplib.SMTPServerDisconnected("gone"), sending.TRANSIENT),
        (TimeoutError("timed out"), sending.TRANSIENT),
        (ConnectionRefusedError(), sending.TRANSIENT),
    ],
)
def test_errors_are_classified(error, kind):
    assert sending.classify(error) == kind


def test_system_check_rejects_a_lease_too_short_to_renew(settings):
    assert checks.sending_settings(None) == []
    settings.NETWORK_LEASE = 0.5
    assert [problem.id for problem in checks.sending_settings(None)] == ["network.E001"]


def test_a_dead_workers_deliveries_are_retried_within_a_minute_by_default(settings):
    """The default lease plus the sweep's period: the promise of docs/operations.md."""
    sweep = settings.CELERY_BEAT_SCHEDULE["network-sweep"]["schedule"]
    assert conf.DEFAULTS["NETWORK_LEASE"] + sweep <= 60


def test_the_lease_is_renewed_while_held_and_not_after(monkeypatch, settings):
    settings.NETWORK_LEASE = 0.04
    renewed = []
    monkeypatch.setattr(deliveries, "renew", lambda ids: renewed.append(ids))
    with deliveries.Lease() as held:
        held.hold([1, 2])
        time.sleep(0.2)
        held.hold(())
        count = len(renewed)
        time.sleep(0.1)
    assert count >= 2 and set(renewed) == {(1, 2)}
    assert len(renewed) == count


def test_the_sweep_takes_back_only_deliveries_whose_lease_ran_out(settings, monkeypatch):
    settings.NETWORK_LEASE = 30
    monkeypatch.setattr(tasks, "enqueue", lambda task, *args: None)
    subscribe("natverket", count=2)
    mailing = announce()
    deliveries.snapshot(mailing.pk, sending.render)
    renewed, dead = (row[0] for row in deliveries.claim(mailing.pk, 10))
    Delivery.objects.update(claimed_at=timezone.now() - timedelta(seconds=31))
    deliveries.renew([renewed])
    tasks.sweep_mailings_task()
    assert dict(Delivery.objects.values_list("pk", "state")) == {renewed: "sending", dead: "pending"}
