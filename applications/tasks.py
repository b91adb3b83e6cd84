"""Background work of the funding applications: the receipt, the decision's notice to the applicant,
the sweep that queues either again when it could not be sent, and erasure after the retention period."""

import logging
from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from applications import conf, retention
from applications.emails import send_decision, send_receipt
from applications.models import Application, Decision

logger = logging.getLogger(__name__)


# The receipt, exactly once. It is queued after the case commits; the task locks the case, sends
# and marks it in one transaction, so a second run (queued again by the sweep, or running at the
# same time) waits for the first and then finds the receipt sent. When the email server fails or
# the worker dies mid-send, the transaction rolls back and the case stays unsent: the sweep
# (Celery beat) queues every unsent receipt again, as it does a receipt the broker never took.


def queue_receipt(application_id):
    """Queue the receipt of ``application_id``; a broker away leaves it to the sweep."""
    try:
        send_receipt_task.delay(application_id)
    except Exception:  # noqa: BLE001 - a broker outage must not turn a received application into an error
        logger.warning(
            "Could not queue the receipt of application %s; the sweep will retry", application_id, exc_info=True
        )


@shared_task
def send_receipt_task(application_id):
    """Send the receipt once; False when it was sent before or could not be sent now (the sweep retries)."""
    try:
        with transaction.atomic():
            application = (
                Application.objects.select_for_update(of=("self",))
                .select_related("preparation_meeting")
                .filter(pk=application_id, receipt_sent_at__isnull=True, erased_at__isnull=True)
                .first()
            )
            if application is None:
                return False
            send_receipt(application)
            application.receipt_sent_at = timezone.now()
            application.save(update_fields=["receipt_sent_at"])
    except Exception:  # noqa: BLE001 - the email server's trouble; the case stays unsent for the sweep
        logger.warning(
            "Could not send the receipt of application %s; the sweep will retry", application_id, exc_info=True
        )
        return False
    return True


@shared_task
def erase_closed_applications_task():
    """Daily: the personal data and attachments of rejected and withdrawn cases past their retention."""
    return retention.erase_expired()


# Telling the applicant the board's decision, exactly once. A decision is queued after its
# transaction commits; the task claims it (``applicant_notified_at``) before sending, so a second
# run sends nothing, and gives the claim back if the email server fails, to retry with backoff.
# A broker away when the board decides only delays the email: the sweep (Celery beat) queues every
# decision still unclaimed a while later.


def queue_applicant_notice(decision):
    """Tell the applicant about ``decision`` once the current transaction commits."""
    transaction.on_commit(lambda: _queue_notice(decision.pk))


def _queue_notice(decision_id):
    try:
        notify_applicant_task.delay(decision_id)
    except Exception:  # noqa: BLE001 - a broker away must not fail the board's decision; the sweep retries
        logger.warning("Could not queue the decision notice %s; the sweep will retry", decision_id, exc_info=True)


@shared_task(bind=True, max_retries=8)
def notify_applicant_task(self, decision_id):
    """Email the applicant the decision ``decision_id``; False when it was sent (or claimed) before."""
    claimed = Decision.objects.filter(pk=decision_id, applicant_notified_at=None).update(
        applicant_notified_at=timezone.now()
    )
    if not claimed:
        return False
    decision = Decision.objects.select_related("application", "meeting").get(pk=decision_id)
    if not decision.application.applicant_email:
        return False
    try:
        send_decision(decision)
    except Exception as error:
        Decision.objects.filter(pk=decision_id).update(applicant_notified_at=None)
        raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
    return True


@shared_task
def sweep_applicant_emails_task():
    """Queue again the receipts still unsent and the decisions still unclaimed (Celery beat).

    Only those older than ``APPLICATIONS_SWEEP_AFTER`` seconds: younger ones are still on their way.
    Returns how many of each it queued.
    """
    cutoff = timezone.now() - timedelta(seconds=conf.get("APPLICATIONS_SWEEP_AFTER"))
    unsent = list(
        Application.objects.filter(receipt_sent_at=None, erased_at=None, created_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    for application_id in unsent:
        queue_receipt(application_id)
    unclaimed = list(
        Decision.objects.filter(applicant_notified_at=None, decided_at__lt=cutoff).values_list("pk", flat=True)
    )
    for decision_id in unclaimed:
        _queue_notice(decision_id)
    return {"receipts": len(unsent), "decisions": len(unclaimed)}
