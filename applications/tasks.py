"""Background work of the funding applications: the receipt, and erasure after the retention period."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from applications import retention
from applications.emails import send_receipt
from applications.models import Application


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
