"""Delivery state: the recipient snapshot and every change of a Delivery's state, in one place.

A mailing's deliveries are the single source of truth of who got it; the broker
only carries hints ("look at mailing 7"). The contract that makes a crash harmless:

- **Snapshot.** :func:`snapshot` writes one pending delivery per recipient, unique per
  mailing, and the rendered content, in one transaction under the mailing's row lock.
  A worker killed during it leaves nothing (the transaction rolls back) and the mailing
  without ``snapshot_at``; the sweep queues it again after NETWORK_QUEUE_GRACE.
- **Claim.** :func:`claim` moves due pending deliveries to ``sending`` (``attempts`` + 1,
  ``claimed_at`` now) in one UPDATE that skips rows another worker holds (``SKIP LOCKED``
  on PostgreSQL), so two workers never send the same row.
- **Lease.** A claim is a lease: the sending task renews ``claimed_at`` from a heartbeat
  thread (:class:`Lease`) every quarter of NETWORK_LEASE while it holds the rows, also
  during a provider call. A killed worker (SIGKILL, out of memory, a lost machine) stops
  renewing and leaves its rows in ``sending``.
- **Outcome.** A delivery becomes ``sent`` (:func:`mark_sent`) only after the email backend
  accepted it; a permanent rejection makes it ``failed`` (:func:`mark_failed`); a transient
  error puts it back to ``pending`` with ``next_attempt_at`` (:func:`retry_later`: exponential
  backoff on our own attempt counter, ``failed`` at NETWORK_MAX_ATTEMPTS, so a poison message
  ends dead instead of looping; no long Celery countdowns, which a Redis broker runs twice
  once they exceed its visibility timeout); rows given back untried lose their attempt
  (:func:`release`). Every write accepts only the states it expects, so a rerun or a late
  writer changes nothing it should not.
- **Who picks up.** The beat task runs :func:`sweep` every 20 s: it queues mailings never
  snapshotted, puts deliveries whose lease ran out back to pending (``failed`` at the attempt
  cap) and queues every mailing with due deliveries. So a broker outage or a killed worker
  loses nothing, a dead worker's deliveries go to another worker within NETWORK_LEASE plus one
  sweep, and nobody gets the same mailing twice: a delivery marked sent is never claimed again.
  What a crash can cost is one duplicate of the batch that was with the provider at the moment
  the worker died (sent, but not yet marked).
- **After sending.** :func:`finish_if_done` closes a mailing with nothing left to try;
  :func:`requeue_failed` gives an editor's resend its failed deliveries back;
  :func:`apply_tracking` records what the provider reports later (delivered, failed,
  bounced, complained).

Nothing here renders or sends an email (``network.sending``) or knows Celery
(``network.tasks``): the callers pass in what rendering or queueing they need.
"""

import logging
import random
import threading
import time
from datetime import timedelta

from anymail.signals import EventType
from django.db import DatabaseError, InterfaceError, OperationalError, connection, connections, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone

from network import conf
from network.models import Delivery, Mailing, Subscriber, Subscription, Suppression, email_hash

logger = logging.getLogger(__name__)

State = Delivery.State
PENDING, SENDING, SENT, FAILED = State.PENDING, State.SENDING, State.SENT, State.FAILED
FINAL_STATES = {State.BOUNCED, State.COMPLAINED}
# The delivery state each provider event reports; the error recorded with it comes from the event.
TRACKED_STATES = {
    EventType.DELIVERED: SENT,
    EventType.REJECTED: FAILED,
    EventType.FAILED: FAILED,
    EventType.BOUNCED: State.BOUNCED,
    EventType.COMPLAINED: State.COMPLAINED,
}
NOT_RENDERED = "Utskicket kunde inte skapas, så ingen har fått det. Kontakta den som förvaltar webbplatsen."
NOBODY_REACHED = "Inget e-postmeddelande kunde skickas, så ingen har fått utskicket. Första felet:"


def db_retry(function, *args):
    """Run a database write, waiting out a database restart (the backend's verdict must not be lost)."""
    deadline = time.monotonic() + conf.get("NETWORK_DB_RETRY_FOR")
    delay = 0.1
    while True:
        try:
            return function(*args)
        except (OperationalError, InterfaceError):
            if time.monotonic() > deadline or connection.in_atomic_block:
                raise
            logger.warning("Database unavailable; retrying %s in %.1f s", function.__name__, delay, exc_info=True)
            connection.close()
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


# The recipients


def recipients(list_ids, association_id):
    """Confirmed subscribers of the association with a confirmed, not unsubscribed subscription to any of the lists,
    each once."""
    active = Subscription.objects.filter(
        subscriber=OuterRef("pk"),
        mailing_list__in=list_ids,
        confirmed_at__isnull=False,
        unsubscribed_at__isnull=True,
    )
    return Subscriber.objects.filter(Exists(active), association_id=association_id, confirmed_at__isnull=False)


def suppressed_hashes(hashes, association_id):
    """Those of ``hashes`` suppressed in the association (its own suppressions and those for every association)."""
    suppressions = Suppression.objects.for_association(association_id).filter(email_hash__in=list(hashes))
    return set(suppressions.values_list("email_hash", flat=True))


def snapshot(mailing_id, render):
    """Create the mailing's deliveries and store its rendered content; False if already done or gone.

    ``render(mailing, obj)`` gives the mailing's (html, text) (``network.sending.render``). It runs
    under the mailing's lock, so two runs render once; a mailing that cannot be rendered ends
    failed instead of being retried forever.
    """
    chunk = conf.get("NETWORK_SNAPSHOT_CHUNK")
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update(of=("self",)).select_related("association").filter(pk=mailing_id)
        mailing = mailing.first()
        if mailing is None or mailing.snapshot_at is not None:
            return False
        try:
            html, text = render(mailing, mailing.content_object)
        except DatabaseError:
            raise  # the database's trouble, not the mailing's: retried by the sweep
        except Exception as error:  # noqa: BLE001 - a mailing that cannot be rendered is reported, not retried forever
            logger.exception("Mailing %s could not be rendered", mailing_id)
            Mailing.objects.filter(pk=mailing_id).update(
                state=Mailing.State.FAILED,
                snapshot_at=timezone.now(),
                finished_at=timezone.now(),
                problem=f"{NOT_RENDERED} ({type(error).__name__}: {error})"[:2000],
            )
            return False
        list_ids = list(mailing.lists.values_list("pk", flat=True))
        insert = _insert_chunk_postgresql if connection.vendor == "postgresql" else _insert_chunk
        last, total = 0, 0
        while True:
            last, inserted = insert(mailing, list_ids, last, chunk)
            if last is None:
                break
            total += inserted
        Mailing.objects.filter(pk=mailing_id).update(
            state=Mailing.State.SENDING if total else Mailing.State.DONE,
            snapshot_at=timezone.now(),
            finished_at=None if total else timezone.now(),
            recipient_count=total,
            html_body=html,
            text_body=text,
        )
    if total and connection.vendor == "postgresql":
        refresh_statistics()
    logger.info("Mailing %s: %s recipients", mailing_id, total)
    return True


def refresh_statistics():
    """ANALYZE the sending tables after a snapshot added many rows.

    Without fresh statistics (right after an import or a large snapshot, before
    autovacuum gets to them) PostgreSQL plans the claim and eligibility queries
    as scans and a 50,000-recipient mailing takes minutes per batch instead of
    milliseconds.
    """
    tables = [model._meta.db_table for model in (Subscriber, Subscription, Delivery)]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")  # noqa: S608 - table names are ours


def _insert_chunk(mailing, list_ids, after, chunk):
    """Deliveries for the next ``chunk`` recipients with pk > ``after``, leaving out those the mailing's
    ``skip_recipients_of`` reached: (last pk or None, rows inserted)."""
    candidates = recipients(list_ids, mailing.association_id).filter(pk__gt=after)
    if mailing.skip_recipients_of_id:
        candidates = candidates.exclude(deliveries__mailing_id=mailing.skip_recipients_of_id)
    rows = list(candidates.order_by("pk").values_list("pk", "email")[:chunk])
    if not rows:
        return None, 0
    hashes = {pk: email_hash(email) for pk, email in rows}
    suppressed = suppressed_hashes(hashes.values(), mailing.association_id)
    deliveries = [
        Delivery(mailing_id=mailing.pk, subscriber_id=pk, email=email)
        for pk, email in rows
        if hashes[pk] not in suppressed
    ]
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
    return rows[-1][0], len(deliveries)


# PostgreSQL: the conditions for a subscriber row ``s`` to receive a mailing of the association
# %(association)s to the lists %(lists)s, as in ``recipients``.
ELIGIBLE_SQL = f"""
    s.confirmed_at IS NOT NULL AND s.association_id = %(association)s AND EXISTS (
        SELECT 1 FROM {Subscription._meta.db_table} u
        WHERE u.subscriber_id = s.id AND u.mailing_list_id = ANY(%(lists)s)
            AND u.confirmed_at IS NOT NULL AND u.unsubscribed_at IS NULL
    )
"""  # noqa: S608 - the table name is ours


def not_suppressed_sql(address):
    """PostgreSQL: the condition that an address is not suppressed in the association %(association)s (its hash
    computed as in ``email_hash``), as in ``suppressed_hashes``."""
    return f"""
        NOT EXISTS (
            SELECT 1 FROM {Suppression._meta.db_table} x
            WHERE x.email_hash = encode(sha256(convert_to(lower(btrim({address})), 'UTF8')), 'hex')
                AND (x.association_id IS NULL OR x.association_id = %(association)s)
        )
    """  # noqa: S608 - the table name is ours


def _insert_chunk_postgresql(mailing, list_ids, after, chunk):
    """As :func:`_insert_chunk`, in one INSERT … SELECT."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH chunk AS (
                SELECT s.id, s.email FROM {Subscriber._meta.db_table} s
                WHERE s.id > %(after)s AND {ELIGIBLE_SQL} AND NOT EXISTS (
                    SELECT 1 FROM {Delivery._meta.db_table} p WHERE p.mailing_id = %(skip)s AND p.subscriber_id = s.id
                )
                ORDER BY s.id LIMIT %(chunk)s
            ), inserted AS (
                INSERT INTO {Delivery._meta.db_table}
                    (mailing_id, subscriber_id, email, state, attempts, provider_message_id, error, updated_at)
                SELECT %(mailing)s, c.id, c.email, %(pending)s, 0, '', '', now() FROM chunk c
                WHERE {not_suppressed_sql("c.email")}
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT max(id) FROM chunk), (SELECT count(*) FROM inserted)
            """,  # noqa: S608 - table names are ours, values are parameters
            {
                "after": after,
                "lists": list_ids,
                "chunk": chunk,
                "mailing": mailing.pk,
                "association": mailing.association_id,
                "pending": PENDING,
                "skip": mailing.skip_recipients_of_id,
            },
        )
        return cursor.fetchone()


def eligible(list_ids, association_id, rows):
    """{subscriber id: secret} of the claimed recipients ``rows`` still confirmed, subscribed and not suppressed."""
    if connection.vendor == "postgresql":
        return _eligible_postgresql(list_ids, association_id, rows)
    people = recipients(list_ids, association_id).filter(pk__in=[row[1] for row in rows])
    secrets = dict(people.values_list("pk", "secret"))
    hashes = {row[1]: email_hash(row[2]) for row in rows if row[1] in secrets}
    suppressed = suppressed_hashes(hashes.values(), association_id)
    return {sub: secret for sub, secret in secrets.items() if hashes[sub] not in suppressed}


def _eligible_postgresql(list_ids, association_id, rows):
    """As :func:`eligible`, in one statement.

    One subquery per recipient, so each is three index lookups: as a join, PostgreSQL hashes the
    whole subscription table for every batch of a large mailing (ten times slower).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT v.id, (
                SELECT s.secret FROM {Subscriber._meta.db_table} s
                WHERE s.id = v.id AND {ELIGIBLE_SQL} AND {not_suppressed_sql("v.email")}
            )
            FROM unnest(%(ids)s::bigint[], %(emails)s::text[]) AS v(id, email)
            """,  # noqa: S608 - table names are ours, values are parameters
            {
                "lists": list_ids,
                "association": association_id,
                "ids": [row[1] for row in rows],
                "emails": [row[2] for row in rows],
            },
        )
        return {pk: secret for pk, secret in cursor.fetchall() if secret is not None}


# Claim and outcome


def claim(mailing_id, size):
    """Move up to ``size`` due pending deliveries to sending; returns [(id, subscriber id, email, attempts)]."""
    now = timezone.now()
    if connection.vendor == "postgresql":
        table = Delivery._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH picked AS MATERIALIZED (
                    SELECT id FROM {table}
                    WHERE mailing_id = %(mailing)s AND state = %(pending)s
                        AND (next_attempt_at IS NULL OR next_attempt_at <= %(now)s)
                    LIMIT %(size)s FOR UPDATE SKIP LOCKED
                )
                UPDATE {table} AS d SET state = %(sending)s, claimed_at = %(now)s, updated_at = %(now)s,
                    attempts = d.attempts + 1
                FROM picked WHERE d.id = picked.id AND d.state = %(pending)s
                RETURNING d.id, d.subscriber_id, d.email, d.attempts
                """,  # noqa: S608 - the table name is ours, values are parameters
                {"sending": SENDING, "pending": PENDING, "now": now, "mailing": mailing_id, "size": size},
            )
            return cursor.fetchall()
    ids = list(_due(Delivery.objects.filter(mailing_id=mailing_id), now).values_list("pk", flat=True)[:size])
    Delivery.objects.filter(pk__in=ids, state=PENDING).update(
        state=SENDING, claimed_at=now, updated_at=now, attempts=F("attempts") + 1
    )
    claimed = Delivery.objects.filter(pk__in=ids, state=SENDING, claimed_at=now)
    return list(claimed.values_list("pk", "subscriber_id", "email", "attempts"))


def _due(deliveries, now):
    """Those of ``deliveries`` pending and due to be tried at ``now``."""
    return deliveries.filter(state=PENDING).filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def mark_sent(pairs):
    """Record [(delivery id, provider message id)] as accepted by the provider."""
    if not pairs:
        return
    now = timezone.now()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                UPDATE {Delivery._meta.db_table} AS d
                SET state = %s, sent_at = %s, updated_at = %s, provider_message_id = v.message_id, error = ''
                FROM unnest(%s::bigint[], %s::text[]) AS v(id, message_id)
                WHERE d.id = v.id AND d.state IN (%s, %s)
                """,  # noqa: S608 - the table name is ours, values are parameters
                [SENT, now, now, [pk for pk, _ in pairs], [mid for _, mid in pairs], PENDING, SENDING],
            )
        return
    by_message = {}
    for pk, message_id in pairs:
        by_message.setdefault(message_id, []).append(pk)
    for message_id, ids in by_message.items():
        Delivery.objects.filter(pk__in=ids, state__in=[PENDING, SENDING]).update(
            state=SENT, sent_at=now, updated_at=now, provider_message_id=message_id, error=""
        )


def mark_failed(ids, error):
    """Record deliveries not yet sent as failed for good, with the reason shown to the editor."""
    Delivery.objects.filter(pk__in=ids, state__in=[PENDING, SENDING]).update(
        state=FAILED, error=str(error)[:2000], updated_at=timezone.now()
    )


def backoff(attempts):
    """How long to wait before the next try after ``attempts`` tries: doubling, capped, with a little jitter."""
    seconds = min(conf.get("NETWORK_RETRY_BASE") * 2 ** (attempts - 1), conf.get("NETWORK_RETRY_MAX"))
    return timedelta(seconds=seconds * random.uniform(1.0, 1.1))


def retry_later(pairs, error):
    """Deliveries [(id, attempts so far)] back to pending after a backoff, or dead at the attempt cap."""
    cap = conf.get("NETWORK_MAX_ATTEMPTS")
    now = timezone.now()
    by_attempts = {}
    for pk, attempts in pairs:
        by_attempts.setdefault(attempts, []).append(pk)
    for attempts, ids in by_attempts.items():
        rows = Delivery.objects.filter(pk__in=ids, state=SENDING)
        if attempts >= cap:
            rows.update(state=FAILED, error=f"{error} Gav upp efter {attempts} försök."[:2000], updated_at=now)
        else:
            rows.update(state=PENDING, next_attempt_at=now + backoff(attempts), error=str(error)[:2000], updated_at=now)


def release(ids):
    """Give claimed deliveries back untried (no attempt counted), due at once."""
    Delivery.objects.filter(pk__in=ids, state=SENDING).update(
        state=PENDING, attempts=F("attempts") - 1, claimed_at=None, updated_at=timezone.now()
    )


# The lease on claimed deliveries


def renew(ids):
    """Extend the lease of those of ``ids`` still being sent (rows being finished right now are skipped)."""
    with transaction.atomic():
        held = Delivery.objects.filter(pk__in=ids, state=SENDING).select_for_update(skip_locked=True)
        Delivery.objects.filter(pk__in=list(held.values_list("pk", flat=True))).update(claimed_at=timezone.now())


def expired_before(now):
    """The moment before which an unrenewed claim counts as abandoned."""
    return now - timedelta(seconds=conf.get("NETWORK_LEASE"))


class Lease:
    """A heartbeat thread renewing the lease of the deliveries a send task holds (``hold``), while it runs.

    Renewed every quarter of NETWORK_LEASE, so a provider call that blocks the task for longer
    than the lease does not lose it, while a killed worker's claims expire after NETWORK_LEASE
    instead of after a long fixed timeout.
    """

    def __init__(self):
        self.every = conf.get("NETWORK_LEASE") / 4
        self.ids = ()
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.beat, name="network-lease", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join()

    def hold(self, ids):
        with self.lock:
            self.ids = tuple(ids)

    def beat(self):
        try:
            while not self.stopped.wait(self.every):
                with self.lock:
                    ids = self.ids
                if not ids:
                    continue
                try:
                    renew(ids)
                except DatabaseError:
                    logger.warning("Could not renew the lease of %s deliveries", len(ids), exc_info=True)
                    connections.close_all()  # reconnect at the next beat
        finally:
            connections.close_all()  # this thread's own connections


# Mailings


def finish_if_done(mailing_id=None):
    """Close the mailing (or every sending one) with no delivery left to try: failed if nobody got it, else done."""
    mailings = Mailing.objects.filter(state=Mailing.State.SENDING).exclude(
        Exists(Delivery.objects.filter(mailing=OuterRef("pk"), state__in=[PENDING, SENDING]))
    )
    if mailing_id is not None:
        mailings = mailings.filter(pk=mailing_id)
    now = timezone.now()
    failed = Delivery.objects.filter(mailing=OuterRef("pk"), state=FAILED).order_by("pk")
    reached = Delivery.objects.filter(mailing=OuterRef("pk")).exclude(state=FAILED)
    mailings.filter(Exists(failed)).exclude(Exists(reached)).update(
        state=Mailing.State.FAILED,
        finished_at=now,
        problem=Concat(Value(NOBODY_REACHED + " "), Subquery(failed.values("error")[:1])),
    )
    mailings.update(state=Mailing.State.DONE, finished_at=now)


def sweep(*, prepare, send):
    """Take back what a broker outage or a dead worker left behind (the beat task's body).

    ``prepare(mailing_id)`` is called for every mailing never snapshotted within NETWORK_QUEUE_GRACE
    and ``send(mailing_id)`` for every mailing with deliveries due, after expired claims went back
    to pending (or failed at the attempt cap); then finished mailings are closed.
    """
    now = timezone.now()
    cap = conf.get("NETWORK_MAX_ATTEMPTS")
    grace = timedelta(seconds=conf.get("NETWORK_QUEUE_GRACE"))
    for mailing_id in Mailing.objects.filter(snapshot_at__isnull=True, created_at__lt=now - grace).values_list(
        "pk", flat=True
    ):
        prepare(mailing_id)

    stuck = Delivery.objects.filter(state=SENDING, claimed_at__lt=expired_before(now))
    stuck.filter(attempts__gte=cap).update(
        state=FAILED, error=f"Avbröts under sändning. Gav upp efter {cap} försök.", updated_at=now
    )
    stuck.update(state=PENDING, next_attempt_at=now, claimed_at=None, updated_at=now)

    for mailing_id in _due(Delivery.objects.all(), now).values_list("mailing_id", flat=True).distinct().order_by():
        send(mailing_id)

    finish_if_done()


def requeue_failed(mailing):
    """Put a mailing's failed deliveries back to pending with a fresh attempt count; returns how many.

    The mailing is sending again. The caller queues it (after commit); a delivery once sent is never
    among them, so a resend reaches only those who did not get it.
    """
    count = mailing.deliveries.filter(state=FAILED).update(
        state=PENDING, attempts=0, error="", claimed_at=None, next_attempt_at=None
    )
    if count:
        Mailing.objects.filter(pk=mailing.pk).update(state=Mailing.State.SENDING, finished_at=None, problem="")
    return count


# What the provider reports later


def tracked(message_id, recipient):
    """The deliveries a provider event names: by the provider's message id and, if given, the recipient."""
    if not message_id:
        return Delivery.objects.none()
    deliveries = Delivery.objects.filter(provider_message_id=message_id)
    return deliveries.filter(email__iexact=recipient) if recipient else deliveries


def apply_tracking(deliveries, event_type, error):
    """Move ``deliveries`` to the state a provider's ``event_type`` reports, recording ``error``.

    Delivered only confirms a delivery still in sending; a failure never overrides a bounce or a
    complaint; a bounce or a complaint always wins. Other event types change no delivery.
    """
    state = TRACKED_STATES.get(event_type)
    if state == SENT:
        deliveries.filter(state=SENDING).update(state=SENT, sent_at=timezone.now())
    elif state == FAILED:
        deliveries.exclude(state__in=FINAL_STATES).update(state=FAILED, error=error)
    elif state in FINAL_STATES:
        deliveries.update(state=state, error=error)
