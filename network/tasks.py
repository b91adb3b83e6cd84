"""Sending: snapshot a mailing's recipients into deliveries, then send them in batches.

Crash safety rests on the Delivery rows, not on the broker:
- a delivery is claimed (pending -> sending, attempts + 1) by one UPDATE that
  skips rows other workers hold, so two workers never send the same row;
- it is marked sent only after the email backend accepted it;
- transient errors put it back to pending with ``next_attempt_at`` (exponential
  backoff, our own attempt counter; no long Celery countdowns, which a Redis
  broker runs twice once they exceed its visibility timeout);
- a claim is a lease (:mod:`network.lease`): the sending task renews it from a
  heartbeat thread while it holds the deliveries, also during a provider call;
- the beat task :func:`sweep_mailings_task` re-queues mailings never
  snapshotted, deliveries whose retry is due and deliveries whose lease ran out
  (their worker died), so a broker outage or a killed worker loses nothing and
  a dead worker's deliveries go to another worker within NETWORK_LEASE plus one sweep.
"""

import logging
import random
import time
from datetime import timedelta

from celery import shared_task
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone

from network import conf
from network.importer import ImportFileError, check_rows, import_rows, read_rows
from network.lease import Lease, expired_before
from network.models import Delivery, Mailing, Subscriber, SubscriberImport, Subscription, Suppression, email_hash
from network.sending import PERMANENT, Composer, classify, open_connection, recipient_outcomes, render

logger = logging.getLogger(__name__)

State = Delivery.State
PENDING, SENDING, SENT, FAILED = State.PENDING, State.SENDING, State.SENT, State.FAILED
# Publishing must never wait on a broker that is away: one quick retry, then the sweep's turn.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
NOT_ELIGIBLE = "Mottagaren har avregistrerat sig eller spärrats innan e-postmeddelandet skickades."
NOT_RENDERED = "Utskicket kunde inte skapas, så ingen har fått det. Kontakta den som förvaltar webbplatsen."
NOBODY_REACHED = "Inget e-postmeddelande kunde skickas, så ingen har fått utskicket. Första felet:"


def enqueue(task, *args):
    """Queue a task; if the broker is unreachable, log it and leave the work to the sweep."""
    try:
        task.apply_async(args, retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except Exception:  # noqa: BLE001 - the broker being away must never fail a publish
        logger.warning("Could not queue %s%s; the sweep will retry", task.name, args, exc_info=True)
        return False
    return True


def queue_mailing(mailing_id):
    """Hand a new mailing to the workers (called after the publishing transaction committed)."""
    return enqueue(prepare_mailing_task, mailing_id)


def recipients(list_ids):
    """Confirmed subscribers with a confirmed, not unsubscribed subscription to any of the lists, each once."""
    active = Subscription.objects.filter(
        subscriber=OuterRef("pk"),
        mailing_list__in=list_ids,
        confirmed_at__isnull=False,
        unsubscribed_at__isnull=True,
    )
    return Subscriber.objects.filter(Exists(active), confirmed_at__isnull=False)


def suppressed_hashes(hashes):
    return set(Suppression.objects.filter(email_hash__in=list(hashes)).values_list("email_hash", flat=True))


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


@shared_task
def prepare_mailing_task(mailing_id):
    """Snapshot the recipients, then start the send tasks. Safe to run twice."""
    if snapshot(mailing_id):
        for _ in range(conf.get("NETWORK_SEND_PARALLELISM")):
            enqueue(send_mailing_task, mailing_id)


def snapshot(mailing_id):
    """Create the mailing's deliveries and store its rendered content; False if already done or gone."""
    chunk = conf.get("NETWORK_SNAPSHOT_CHUNK")
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().filter(pk=mailing_id).first()
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
            last, inserted = insert(mailing_id, list_ids, last, chunk)
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


def _insert_chunk(mailing_id, list_ids, after, chunk):
    """Deliveries for the next ``chunk`` recipients with pk > ``after``: (last pk or None, rows inserted)."""
    rows = list(recipients(list_ids).filter(pk__gt=after).order_by("pk").values_list("pk", "email")[:chunk])
    if not rows:
        return None, 0
    hashes = {pk: email_hash(email) for pk, email in rows}
    suppressed = suppressed_hashes(hashes.values())
    deliveries = [
        Delivery(mailing_id=mailing_id, subscriber_id=pk, email=email)
        for pk, email in rows
        if hashes[pk] not in suppressed
    ]
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
    return rows[-1][0], len(deliveries)


# PostgreSQL: the conditions for a subscriber row ``s`` to receive a mailing to the lists %(lists)s, as in
# ``recipients``.
ELIGIBLE_SQL = f"""
    s.confirmed_at IS NOT NULL AND EXISTS (
        SELECT 1 FROM {Subscription._meta.db_table} u
        WHERE u.subscriber_id = s.id AND u.mailing_list_id = ANY(%(lists)s)
            AND u.confirmed_at IS NOT NULL AND u.unsubscribed_at IS NULL
    )
"""  # noqa: S608 - the table name is ours


def not_suppressed_sql(address):
    """PostgreSQL: the condition that an address is not suppressed (its hash computed as in ``email_hash``)."""
    return f"""
        NOT EXISTS (
            SELECT 1 FROM {Suppression._meta.db_table} x
            WHERE x.email_hash = encode(sha256(convert_to(lower(btrim({address})), 'UTF8')), 'hex')
        )
    """  # noqa: S608 - the table name is ours


def _insert_chunk_postgresql(mailing_id, list_ids, after, chunk):
    """As :func:`_insert_chunk`, in one INSERT … SELECT."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH chunk AS (
                SELECT s.id, s.email FROM {Subscriber._meta.db_table} s
                WHERE s.id > %(after)s AND {ELIGIBLE_SQL}
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
            {"after": after, "lists": list_ids, "chunk": chunk, "mailing": mailing_id, "pending": PENDING},
        )
        return cursor.fetchone()


def _eligible_postgresql(list_ids, rows):
    """As :meth:`Sender.eligible`, in one statement.

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
            {"lists": list_ids, "ids": [row[1] for row in rows], "emails": [row[2] for row in rows]},
        )
        return {pk: secret for pk, secret in cursor.fetchall() if secret is not None}


@shared_task
def send_mailing_task(mailing_id):
    """Claim and send the mailing's due deliveries, batch after batch, until none is left."""
    mailing = Mailing.objects.filter(pk=mailing_id, snapshot_at__isnull=False).first()
    if mailing is None:
        return
    backend = open_connection()
    try:
        with Lease() as lease:
            Sender(mailing, Composer(mailing, backend), lease).run()
    finally:
        backend.close()
    db_retry(finish_if_done, mailing_id)


class Sender:
    """The send loop of one task: claim a batch, send it, record each recipient's outcome."""

    def __init__(self, mailing, composer, lease):
        self.mailing = mailing
        self.composer = composer
        self.lease = lease
        self.list_ids = list(mailing.lists.values_list("pk", flat=True))
        size = conf.get("NETWORK_BATCH_SIZE")
        self.batch_size = size if composer.batching else min(size, 100)
        self.circuit = conf.get("NETWORK_CIRCUIT_BREAK")
        self.streak = 0  # consecutive transient errors

    def run(self):
        while self.streak < self.circuit:
            rows = db_retry(claim, self.mailing.pk, self.batch_size)
            if not rows:
                return
            self.lease.hold(row[0] for row in rows)
            secrets = db_retry(self.eligible, rows)
            not_eligible = [row[0] for row in rows if row[1] not in secrets]
            if not_eligible:
                db_retry(mark_failed, not_eligible, NOT_ELIGIBLE)
            batch = [(pk, email, sub, secrets[sub]) for pk, sub, email, _ in rows if sub in secrets]
            attempts = {row[0]: row[3] for row in rows}
            if batch:
                if self.composer.batching:
                    self.send_batch(batch, attempts)
                else:
                    self.send_singles(batch, attempts)
            self.lease.hold(())
        logger.warning("Mailing %s: %s transient errors in a row; left to the sweep", self.mailing.pk, self.streak)

    def eligible(self, rows):
        """{subscriber id: secret} of the claimed recipients still confirmed, subscribed and not suppressed."""
        if connection.vendor == "postgresql":
            return _eligible_postgresql(self.list_ids, rows)
        secrets = dict(recipients(self.list_ids).filter(pk__in=[row[1] for row in rows]).values_list("pk", "secret"))
        hashes = {row[1]: email_hash(row[2]) for row in rows if row[1] in secrets}
        suppressed = suppressed_hashes(hashes.values())
        return {sub: secret for sub, secret in secrets.items() if hashes[sub] not in suppressed}

    def failed(self, ids, attempts, error):
        """Record a send error for deliveries: permanent -> failed; transient -> retry later (or dead)."""
        if classify(error) == PERMANENT:
            db_retry(mark_failed, ids, f"Avvisat av leverantören: {error}")
        else:
            self.streak += 1
            db_retry(retry_later, [(pk, attempts[pk]) for pk in ids], f"Tillfälligt fel: {error}")

    def send_batch(self, batch, attempts):
        message = self.composer.batch(batch)
        ids = {email: pk for pk, email, _, _ in batch}
        try:
            self.composer.connection.send_messages([message])
        except Exception as error:  # noqa: BLE001 - every backend error is recorded on the deliveries
            self.failed(list(ids.values()), attempts, error)
            return
        self.streak = 0
        sent, rejected, retry = [], [], []
        for email, (accepted, message_id) in recipient_outcomes(message, list(ids)).items():
            if accepted:
                sent.append((ids[email], message_id))
            elif accepted is None:
                retry.append((ids[email], attempts[ids[email]]))
            else:
                rejected.append(ids[email])
        db_retry(mark_sent, sent)
        if rejected:
            db_retry(mark_failed, rejected, "Mottagaren avvisades av leverantören.")
        if retry:
            db_retry(retry_later, retry, "Leverantören kunde inte ta emot meddelandet just nu.")

    def send_singles(self, batch, attempts):
        for index, (pk, email, sub, secret) in enumerate(batch):
            if self.streak >= self.circuit:
                db_retry(release, [row[0] for row in batch[index:]])
                return
            message = self.composer.single(pk, email, sub, secret)
            try:
                self.composer.connection.send_messages([message])
            except Exception as error:  # noqa: BLE001 - every backend error is recorded on the delivery
                self.failed([pk], attempts, error)
                continue
            self.streak = 0
            accepted, message_id = recipient_outcomes(message, [email])[email]
            if accepted:
                db_retry(mark_sent, [(pk, message_id or message.extra_headers["Message-ID"])])
            elif accepted is None:
                db_retry(retry_later, [(pk, attempts[pk])], "Leverantören kunde inte ta emot meddelandet just nu.")
            else:
                db_retry(mark_failed, [pk], "Mottagaren avvisades av leverantören.")


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
    due = Delivery.objects.filter(mailing_id=mailing_id, state=PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    ids = list(due.values_list("pk", flat=True)[:size])
    Delivery.objects.filter(pk__in=ids, state=PENDING).update(
        state=SENDING, claimed_at=now, updated_at=now, attempts=F("attempts") + 1
    )
    claimed = Delivery.objects.filter(pk__in=ids, state=SENDING, claimed_at=now)
    return list(claimed.values_list("pk", "subscriber_id", "email", "attempts"))


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
    Delivery.objects.filter(pk__in=ids, state__in=[PENDING, SENDING]).update(
        state=FAILED, error=str(error)[:2000], updated_at=timezone.now()
    )


def backoff(attempts):
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


@shared_task
def sweep_mailings_task():
    """Every 20 s (beat): re-queue what a broker outage or a dead worker left behind."""
    now = timezone.now()
    cap = conf.get("NETWORK_MAX_ATTEMPTS")
    grace = timedelta(seconds=conf.get("NETWORK_QUEUE_GRACE"))
    for mailing_id in Mailing.objects.filter(snapshot_at__isnull=True, created_at__lt=now - grace).values_list(
        "pk", flat=True
    ):
        enqueue(prepare_mailing_task, mailing_id)

    stuck = Delivery.objects.filter(state=SENDING, claimed_at__lt=expired_before(now))
    stuck.filter(attempts__gte=cap).update(
        state=FAILED, error=f"Avbröts under sändning. Gav upp efter {cap} försök.", updated_at=now
    )
    stuck.update(state=PENDING, next_attempt_at=now, claimed_at=None, updated_at=now)

    due = (
        Delivery.objects.filter(state=PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .values_list("mailing_id", flat=True)
        .distinct()
        .order_by()
    )
    for mailing_id in due:
        enqueue(send_mailing_task, mailing_id)

    finish_if_done()


@shared_task
def import_subscribers_task(import_id):
    """Run an import an editor confirmed after its preview: check the rows again, then write all or nothing.

    Only a queued import starts, so running the task twice imports once. Progress (rows
    checked) is written as it goes; the writing itself is one transaction.
    """
    Import = SubscriberImport
    if not Import.objects.filter(pk=import_id, state=Import.State.QUEUED).update(state=Import.State.RUNNING):
        return
    job = Import.objects.select_related("mailing_list", "created_by").get(pk=import_id)
    try:
        rows = read_rows(bytes(job.data))
        report = check_rows(_counting(rows, import_id), job.mailing_list)
        if not report.accepted:
            raise ImportFileError("Inga godkända rader fanns kvar när importen startade.")
        mailed = import_rows(
            report,
            job.mailing_list,
            choice=job.choice,
            source_name=job.file_name,
            legal_basis=job.legal_basis,
            consent_date=job.consent_date,
            user=job.created_by,
        )
    except Exception as error:  # noqa: BLE001 - the editor is told; nothing was written
        logger.exception("Import %s failed", import_id)
        message = str(error) if isinstance(error, ImportFileError) else "Ett oväntat fel inträffade."
        Import.objects.filter(pk=import_id).update(
            state=Import.State.FAILED, error=f"Inget importerades. {message}", finished_at=timezone.now(), data=b""
        )
        return
    Import.objects.filter(pk=import_id).update(
        state=Import.State.DONE,
        processed=len(rows),
        accepted=len(report.accepted),
        rejected=len(report.rejected),
        created=report.created,
        mailed=mailed,
        finished_at=timezone.now(),
        data=b"",
    )


def _counting(rows, import_id, every=500):
    """The rows, recording every ``every`` rows how many were checked."""
    for done, row in enumerate(rows, start=1):
        yield row
        if done % every == 0:
            SubscriberImport.objects.filter(pk=import_id).update(processed=done)
