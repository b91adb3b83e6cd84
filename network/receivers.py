"""anymail tracking events: keep deliveries up to date and suppress bounced or complaining addresses.

The deliveries' new state is :func:`network.deliveries.apply_tracking`'s, the counts of the
mailing's statistics :func:`network.statistics.record`'s; here the event is recorded, read and
turned into suppressions. An open or a click is recorded without its message and recipient
unless NETWORK_TRACK_PERSONS is on (and then its digest, for events without an id, is keyed
with the site's secret, so it cannot be recomputed from the deliveries).

Per association: a complaint (or a provider-side unsubscription) suppresses the address, and
ends its subscriptions, only in the association whose mailing caused it; a hard bounce
suppresses it for every association (Suppression.association empty: an address that does not
exist does not exist for anyone). A complaint that names no mailing of ours is suppressed for
every association, as nobody can tell which one it was about.

Handlers are small and idempotent: each provider event is recorded once
(TrackingEvent.event_id is unique), so a replay changes nothing, and no
exception leaves the handler (the provider would resend the event forever).
"""

import hashlib
import hmac
import logging

from anymail.signals import EventType
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from network import deliveries, statistics
from network.models import Subscriber, Subscription, Suppression, TrackingEvent, email_hash

logger = logging.getLogger(__name__)

SUPPRESSING = {EventType.BOUNCED: Suppression.Reason.BOUNCED, EventType.COMPLAINED: Suppression.Reason.COMPLAINED}
# Events that concern every association, not only the one of the mailing that caused them.
EVERYWHERE = {EventType.BOUNCED}
HANDLED = {
    EventType.DELIVERED,
    EventType.REJECTED,
    EventType.FAILED,
    EventType.UNSUBSCRIBED,
    *SUPPRESSING,
    *statistics.ENGAGEMENT,
}


def event_key(event, esp_name):
    """The provider's event id, or a stable digest of the event where the provider gives none."""
    if event.event_id:
        return f"{esp_name}:{event.event_id}"[:255]
    parts = "|".join(
        str(part) for part in [esp_name, event.event_type, event.message_id, event.recipient, event.timestamp]
    )
    if not statistics.keeps_recipient(event.event_type):
        return f"{esp_name}:hmac:" + hmac.new(settings.SECRET_KEY.encode(), parts.encode(), hashlib.sha256).hexdigest()
    return f"{esp_name}:sha256:" + hashlib.sha256(parts.encode()).hexdigest()


def handle_tracking(sender, event, esp_name, **kwargs):
    """Receiver for ``anymail.signals.tracking``."""
    if event.event_type not in HANDLED:
        return
    try:
        apply_event(event, esp_name)
    except Exception:  # noqa: BLE001 - an escaping error makes the provider resend the event forever
        logger.exception("Could not apply %s tracking event %s", esp_name, event.event_id)


def apply_event(event, esp_name):
    recipient = (event.recipient or "").strip()
    named = statistics.keeps_recipient(event.event_type)
    with transaction.atomic():
        try:
            with transaction.atomic():
                TrackingEvent.objects.create(
                    event_id=event_key(event, esp_name),
                    event_type=event.event_type,
                    message_id=(event.message_id or "")[:255] if named else "",
                    recipient_hash=email_hash(recipient) if recipient and named else "",
                )
        except IntegrityError:
            return
        tracked = deliveries.tracked(event.message_id, recipient)
        statistics.record(tracked, event.event_type, event.timestamp)
        if event.event_type in (EventType.REJECTED, EventType.FAILED):
            error = event.description or event.reject_reason or event.event_type
        else:
            error = event.mta_response or event.description or ""
        associations = set(tracked.values_list("mailing__association_id", flat=True))
        if event.event_type in EVERYWHERE or not associations:
            associations = {None}
        deliveries.apply_tracking(tracked, event.event_type, error)
        if event.event_type in SUPPRESSING:
            addresses = {recipient} if recipient else set(tracked.values_list("email", flat=True))
            for address in filter(None, addresses):
                for association_id in associations:
                    suppress(address, SUPPRESSING[event.event_type], association_id)
        elif event.event_type == EventType.UNSUBSCRIBED:
            for address in filter(None, {recipient}):
                for association_id in associations:
                    end_subscriptions(address, association_id)


def suppress(address, reason, association_id=None):
    """Never mail ``address`` again in the association ``association_id`` (None: in any) and end its subscriptions
    there."""
    Suppression.objects.get_or_create(
        email_hash=email_hash(address), association_id=association_id, defaults={"reason": reason}
    )
    end_subscriptions(address, association_id)


def end_subscriptions(address, association_id=None):
    """End the subscriptions of ``address`` in the association ``association_id`` (None: in every one)."""
    people = Subscriber.objects.filter(email__iexact=address)
    if association_id is not None:
        people = people.filter(association_id=association_id)
    Subscription.objects.filter(subscriber__in=people, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )
