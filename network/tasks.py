"""Sending: snapshot recipients into deliveries, then send them.

First version: correct but unbatched. The network issue makes it batched,
retrying and crash-safe.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from network.models import Delivery, Mailing, Subscriber, Subscription, Suppression

logger = logging.getLogger(__name__)


def queue_mailing(mailing_id):
    """Hand a mailing to the workers; if the broker is down the sweep picks it up later."""
    try:
        prepare_mailing_task.delay(mailing_id)
    except Exception:  # noqa: BLE001 - the broker being away must never fail a publish
        logger.exception("Could not queue mailing %s; the sweep will retry", mailing_id)


def recipients(mailing):
    """Confirmed, not suppressed subscribers on any of the mailing's lists, each once."""
    active = Subscription.objects.filter(
        subscriber=OuterRef("pk"),
        mailing_list__in=mailing.lists.all(),
        confirmed_at__isnull=False,
        unsubscribed_at__isnull=True,
    )
    return Subscriber.objects.filter(Exists(active), confirmed_at__isnull=False)


@shared_task
def prepare_mailing_task(mailing_id):
    mailing = Mailing.objects.get(pk=mailing_id)
    with transaction.atomic():
        suppressed = set(Suppression.objects.values_list("email_hash", flat=True))
        existing = set(mailing.deliveries.values_list("subscriber_id", flat=True))
        Delivery.objects.bulk_create(
            [
                Delivery(mailing=mailing, subscriber=subscriber, email=subscriber.email)
                for subscriber in recipients(mailing)
                if subscriber.pk not in existing and subscriber.email_hash not in suppressed
            ],
            ignore_conflicts=True,
        )
        Mailing.objects.filter(pk=mailing.pk).update(state=Mailing.State.SENDING, snapshot_at=timezone.now())
    send_pending_task.delay(mailing_id)


@shared_task
def send_pending_task(mailing_id):
    mailing = Mailing.objects.get(pk=mailing_id)
    obj = mailing.content_object
    for delivery in mailing.deliveries.filter(state=Delivery.State.PENDING).select_related("subscriber"):
        context = {"object": obj, "mailing": mailing, "subscriber": delivery.subscriber}
        message = EmailMultiAlternatives(
            subject=mailing.subject,
            body=render_to_string(f"{mailing.template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[delivery.email],
        )
        message.attach_alternative(render_to_string(f"{mailing.template}.html", context), "text/html")
        message.send()
        delivery.state = Delivery.State.SENT
        delivery.sent_at = timezone.now()
        delivery.attempts += 1
        delivery.save(update_fields=["state", "sent_at", "attempts", "updated_at"])
    Mailing.objects.filter(pk=mailing.pk).update(state=Mailing.State.DONE, finished_at=timezone.now())
