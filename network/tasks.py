"""The network's Celery entry points: each takes plain ids and calls into the module that does the work.

Every task is safe to run twice. Delivery state and the crash-safety contract are
:mod:`network.deliveries`'; the send loop is :mod:`network.sending`'.
"""

import functools
import logging

from celery import shared_task

from network import conf, deliveries, gdpr, importer, sending, signup

logger = logging.getLogger(__name__)

# Publishing must never wait on a broker that is away: one quick retry, then the sweep's turn.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


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


@shared_task
def prepare_mailing_task(mailing_id):
    """Snapshot the recipients, then start the send tasks."""
    if deliveries.snapshot(mailing_id, sending.render):
        for _ in range(conf.get("NETWORK_SEND_PARALLELISM")):
            enqueue(send_mailing_task, mailing_id)


@shared_task
def send_mailing_task(mailing_id):
    """Claim and send the mailing's due deliveries, batch after batch, until none is left."""
    sending.send_mailing(mailing_id)


@shared_task
def sweep_mailings_task():
    """Every 20 s (beat): re-queue what a broker outage or a dead worker left behind."""
    deliveries.sweep(
        prepare=functools.partial(enqueue, prepare_mailing_task),
        send=functools.partial(enqueue, send_mailing_task),
    )


@shared_task
def import_subscribers_task(import_id):
    """Run an import an editor confirmed after its preview (only a queued one starts)."""
    importer.run_queued(import_id)


# The names these two were registered under before they moved here, so that messages
# queued by a running site survive an upgrade.
@shared_task(name="network.signup.send_signup_email_task")
def send_signup_email_task(subscriber_id, kind):
    """Send the confirmation, "already subscribed" or manage-link email."""
    signup.send_email(subscriber_id, kind)


@shared_task(name="network.gdpr.purge_unconfirmed_task")
def purge_unconfirmed_task():
    """Daily: unconfirmed signups are not kept beyond 30 days."""
    return gdpr.purge_unconfirmed()
