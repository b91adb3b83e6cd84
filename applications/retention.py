"""Storage limitation and the applicant's rights: what is erased, when, and what an export holds.

A rejected or withdrawn case loses the applicant's personal data (name, email, phone) and its
attachments ``APPLICATIONS_RETENTION_DAYS`` after it was closed; the number, title, parties,
period, budget and status stay as the record of what the association handled. A granted case
is the basis of a board decision and a public project and is kept whole. The network's export
and erasure of a person (``network.gdpr``) reach applicants through the hooks registered in
``applications.wagtail_hooks``.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from applications import conf
from applications.models import Application

ERASABLE = Q(status=Application.Status.WITHDRAWN) | Q(status=Application.Status.DECIDED, rejected=True)


def erase(application, *, now=None):
    """Remove the applicant's personal data and the attachments (rows now, files after commit)."""
    with transaction.atomic():
        files = [attachment.file for attachment in application.attachments.all()]
        application.attachments.all().delete()
        application.applicant_name = ""
        application.applicant_email = ""
        application.applicant_phone = ""
        application.erased_at = now or timezone.now()
        application.save(
            update_fields=["applicant_name", "applicant_email", "applicant_phone", "erased_at", "updated_at"]
        )
        transaction.on_commit(lambda: [stored.storage.delete(stored.name) for stored in files])


def erase_expired(now=None):
    """Erase every rejected or withdrawn case closed longer ago than the retention period; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=conf.get("APPLICATIONS_RETENTION_DAYS"))
    expired = Application.objects.filter(ERASABLE, closed_at__lt=cutoff, erased_at__isnull=True)
    count = 0
    for application in expired.iterator():
        erase(application, now=now)
        count += 1
    return count


def cases_of(email):
    return Application.objects.filter(applicant_email__iexact=email, erased_at__isnull=True)


def export_applicant(email):
    """The cases ``email`` applied with, as JSON-serialisable data for the person's export."""
    return {
        "applications": [
            {
                "number": application.number,
                "title": application.title,
                "status": application.get_status_display(),
                "received_at": application.created_at.isoformat(),
                "name": application.applicant_name,
                "organisation": application.applicant_organisation,
                "email": application.applicant_email,
                "phone": application.applicant_phone,
                "attachments": [attachment.original_name for attachment in application.attachments.all()],
            }
            for application in cases_of(email).prefetch_related("attachments").order_by("created_at")
        ]
    }


def erase_applicant(email):
    """On the person's request: erase their cases except granted ones, which the decision keeps."""
    granted = Q(status=Application.Status.DECIDED, rejected=False)
    for application in cases_of(email).exclude(granted):
        erase(application)
