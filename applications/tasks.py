"""Background work of the funding applications: the receipt, the decision's notice to the applicant,
and erasure after the retention period."""

import logging
from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from applications import retention
from applications.emails import send_decision, send_receipt
from applications.models import Application, Decision

logger = logging.getLogger(__name__)


@shared_task
def send_receipt_task(application_id):
    """Send the receipt once: the case is locked and marked while it is sent, so a rerun does nothing."""
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

# A decision unclaimed this long after it was recorded was never queued (broker away): the sweep queues it.
SWEEP_AFTER = timedelta(minutes=2)


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
def sweep_applicant_notices_task():
    """Queue the decisions whose notice was never queued (Celery beat)."""
    stale = Decision.objects.filter(applicant_notified_at=None, decided_at__lt=timezone.now() - SWEEP_AFTER)
    for decision_id in stale.values_list("pk", flat=True):
        _queue_notice(decision_id)
