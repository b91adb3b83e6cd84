"""The data protection duties towards subscribers: access (export), erasure and storage limitation.

Erasure keeps exactly one thing: a hash of the address in the suppression
list, so the person is never mailed again. Their deliveries stay as anonymous
counts of a mailing (no address, no subscriber).

Both are per association: a Subscriber is one address in one association, so
:func:`export_data` and :func:`erase` concern that association only (its suppression
is that association's). Erasing an address in every association is a separate,
explicit action for platform administrators: :func:`export_everywhere` and
:func:`erase_everywhere` (a suppression for all associations).

Other apps hold personal data under the same address (applicants, for one). They join in
through two Wagtail hooks, so the network never imports them:
``personal_data_export``: ``fn(email) -> dict`` merged into the export, and
``personal_data_erasure``: ``fn(email)``, called in the erasure's transaction.
A request by address (:func:`export_person`, :func:`erase_person`, the ``personal_data``
command) reaches those apps also for a person who never subscribed.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from network.models import Delivery, Subscriber, Suppression, email_hash

UNCONFIRMED_RETENTION = timedelta(days=30)


def _iso(value):
    return value.isoformat() if value else None


def export_data(subscriber):
    """Everything held about ``subscriber`` (one address in one association), as a JSON-serialisable dict."""
    suppressions = Suppression.objects.for_association(subscriber.association_id)
    suppression = suppressions.filter(email_hash=subscriber.email_hash).order_by("association").first()
    data = {
        "association": subscriber.association.site_name or subscriber.association.hostname,
        "email": subscriber.email,
        "name": subscriber.name,
        "organisation": subscriber.get_organisation_display() if subscriber.organisation else "",
        "role": subscriber.role,
        "created_at": _iso(subscriber.created_at),
        "confirmed_at": _iso(subscriber.confirmed_at),
        "consent": {
            "text": subscriber.consent_text,
            "given_at": _iso(subscriber.consent_at),
            "ip": subscriber.consent_ip,
            "source": subscriber.consent_source,
            "legal_basis": subscriber.legal_basis,
        },
        "subscriptions": [
            {
                "list": subscription.mailing_list.name,
                "created_at": _iso(subscription.created_at),
                "confirmed_at": _iso(subscription.confirmed_at),
                "unsubscribed_at": _iso(subscription.unsubscribed_at),
            }
            for subscription in subscriber.subscriptions.select_related("mailing_list").order_by("created_at")
        ],
        "deliveries": [
            {
                "subject": delivery.mailing.subject,
                "state": delivery.get_state_display(),
                "attempts": delivery.attempts,
                "sent_at": _iso(delivery.sent_at),
                "error": delivery.error,
                "opened_at": _iso(delivery.opened_at),
                "clicked_at": _iso(delivery.clicked_at),
            }
            for delivery in subscriber.deliveries.select_related("mailing").order_by("mailing__created_at")
        ],
        "suppressed": suppression.get_reason_display() if suppression else None,
    }
    data.update(_held_elsewhere(subscriber.email))
    return data


def _held_elsewhere(email):
    data = {}
    for export in hooks.get_hooks("personal_data_export"):
        data.update(export(email))
    return data


def subscriber_of(email):
    return Subscriber.objects.filter(email__iexact=email.strip()).first()


def export_person(email):
    """Everything held about the person at ``email``: as a subscriber if they are one, and in the other apps."""
    subscriber = subscriber_of(email)
    if subscriber is not None:
        return export_data(subscriber)
    return {"email": email.strip(), **_held_elsewhere(email.strip())}


def erase_person(email, *, user=None):
    """Erase the person at ``email``: the subscriber (:func:`erase`) if there is one, and in the other apps.

    Someone who never subscribed gets no suppression entry: the network held nothing about them.
    """
    subscriber = subscriber_of(email)
    if subscriber is not None:
        erase(subscriber, user=user)
        return
    with transaction.atomic():
        for erase_elsewhere in hooks.get_hooks("personal_data_erasure"):
            erase_elsewhere(email.strip())


def erase(subscriber, *, user=None):
    """Delete everything about ``subscriber`` (in its association) except a hashed suppression entry there.

    A suppression that already holds there (its own, or one for every association) keeps its reason.
    Deliveries are kept for the mailings' counts but lose their address and
    their link to the person; audit-log entries about the person lose the
    address in their label.
    """
    pk = subscriber.pk
    label = f"#{pk}"
    with transaction.atomic():
        held = Suppression.objects.for_association(subscriber.association_id)
        if not held.filter(email_hash=subscriber.email_hash).exists():
            Suppression.objects.create(
                email_hash=subscriber.email_hash,
                association_id=subscriber.association_id,
                reason=Suppression.Reason.ERASED,
            )
        Delivery.objects.filter(subscriber=subscriber).update(email="", subscriber=None)
        for erase_elsewhere in hooks.get_hooks("personal_data_erasure"):
            erase_elsewhere(subscriber.email)
        content_type = ContentType.objects.get_for_model(Subscriber)
        ModelLogEntry.objects.filter(content_type=content_type, object_id=str(pk)).update(label=label)
        log(subscriber, "network.erase", user=user, title=label, data={"by_subscriber": user is None})
        subscriber.delete()


class NotAllowedError(PermissionError):
    """Raised, with a Swedish message, when someone other than a platform administrator erases everywhere."""


def subscribers_everywhere(email):
    """The address's subscribers in every association."""
    return Subscriber.objects.filter(email__iexact=email.strip()).select_related("association").order_by("pk")


def export_everywhere(email):
    """What every association holds about ``email``: one export per association (platform administrators)."""
    return {"email": email.strip(), "associations": [export_data(s) for s in subscribers_everywhere(email)]}


def erase_everywhere(email, *, user):
    """Erase ``email`` in every association and suppress it for all of them; returns how many were erased.

    Only a platform administrator (superuser) may: a coordinator erases in their own association.
    """
    if user is None or not user.is_superuser:
        raise NotAllowedError(_("Bara en plattformsadministratör kan radera en adress i alla förbund."))
    with transaction.atomic():
        Suppression.objects.get_or_create(
            email_hash=email_hash(email), association=None, defaults={"reason": Suppression.Reason.ERASED}
        )
        erased = 0
        for subscriber in subscribers_everywhere(email):
            erase(subscriber, user=user)
            erased += 1
    return erased


def purge_unconfirmed(now=None):
    """Delete signups not confirmed within the retention period after their latest consent; returns how many."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_RETENTION
    stale = Subscriber.objects.filter(confirmed_at__isnull=True).filter(
        Q(consent_at__lt=cutoff) | Q(consent_at__isnull=True, created_at__lt=cutoff)
    )
    return stale.delete()[1].get(Subscriber._meta.label, 0)
