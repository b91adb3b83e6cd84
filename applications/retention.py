"""Storage limitation and the applicant's rights: what is erased, when, and what an export holds.

A rejected or withdrawn case loses the applicant's personal data (name, email, phone) and its
attachments ``APPLICATIONS_RETENTION_DAYS`` after it was closed; the number, title, parties,
period, budget and status stay as the record of what the association handled. A granted case
is the basis of a board decision and a public project and is kept whole.

An applicant's own request works by address, whether or not they subscribe to anything: the
network's export and erasure of a person (``network.gdpr.export_person`` / ``erase_person``, the
``personal_data`` command) reach applicants through the hooks registered in
``applications.wagtail_hooks``, and the coordinator can do the same from a case
(applications.admin_views). The export holds what the applicant gave and what they were told;
the preparation's comments and the coordinator's proposal are internal working material and
stay out of it. An erasure removes the personal data of every case at the address but granted
ones; an open case is withdrawn with it (nobody is left to hear the decision). Comments stay
with the case, internal as before.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from applications import conf
from applications.models import Application, Decision

ERASABLE = Q(status=Application.Status.WITHDRAWN) | Q(status=Application.Status.DECIDED, rejected=True)


def erase(application, *, now=None, user=None):
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
        log(application, "applications.erase", user=user, data={"by_request": user is not None})
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


GRANTED = Q(status=Application.Status.DECIDED, rejected=False)


def cases_of(email):
    """The cases still holding the applicant's data under ``email`` (any case of letters)."""
    if not email.strip():
        return Application.objects.none()
    return Application.objects.filter(applicant_email__iexact=email.strip(), erased_at__isnull=True)


def _iso(value):
    return value.isoformat() if value else None


def _decision(application):
    decision = Decision.objects.filter(application=application).select_related("meeting").first()
    if decision is None:
        return None
    return {
        "outcome": decision.get_outcome_display(),
        "amount": decision.amount,
        "meeting": _iso(decision.meeting.date),
        "paragraph": decision.paragraph_label,
        "motivation": decision.motivation,
    }


def export_applicant(email):
    """The cases ``email`` applied with, as JSON-serialisable data for the person's export."""
    cases = cases_of(email).prefetch_related("attachments", "parties").select_related("preparation_meeting")
    return {
        "applications": [
            {
                "number": application.number,
                "title": application.title,
                "description": application.description,
                "status": application.get_status_display(),
                "received_at": _iso(application.created_at),
                "name": application.applicant_name,
                "organisation": application.applicant_organisation,
                "email": application.applicant_email,
                "phone": application.applicant_phone,
                "parties": [principal.name for principal in application.parties.all()],
                "period": [_iso(application.period_start), _iso(application.period_end)],
                "budget": application.budget,
                "preparation_meeting": _iso(application.preparation_meeting.date)
                if application.preparation_meeting
                else None,
                "receipt_sent_at": _iso(application.receipt_sent_at),
                "decision": _decision(application),
                "attachments": [attachment.original_name for attachment in application.attachments.all()],
                "kept_on_erasure": application.status == Application.Status.DECIDED and not application.rejected,
            }
            for application in cases.order_by("created_at")
        ]
    }


def erase_applicant(email, *, user=None):
    """On the person's request: erase their cases except granted ones, which the decision keeps.

    An open case is withdrawn first. Returns the cases erased.
    """
    erased = []
    with transaction.atomic():
        for application in cases_of(email).exclude(GRANTED).select_for_update(of=("self",)):
            if application.status not in Application.CLOSED:
                application.mark_withdrawn()
            erase(application, user=user)
            erased.append(application)
    return erased
