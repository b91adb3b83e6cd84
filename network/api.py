"""The network's public interface: the one module other apps may import.

Apps announce a published object with :func:`announce`; the network records a
Mailing in the caller's transaction and, after commit, snapshots the recipients
and sends. The network never imports the announcing app: the email templates
are named by the caller and rendered with ``object`` (the announced object),
``mailing``, ``subscriber`` and the personal ``unsubscribe_url`` / ``manage_url``.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count

from network.models import Delivery, Mailing, MailingList

logger = logging.getLogger(__name__)

__all__ = ["announce", "mailings_for", "progress", "UnknownListError"]


class UnknownListError(ValueError):
    """Raised when a caller names a mailing list that does not exist."""


def announce(obj, *, lists, subject, template, url="", user=None, resend=False):
    """Record that ``obj`` was published and queue its mailing after commit.

    Returns the new Mailing, or None when ``obj`` was already announced and no
    resend was asked for (so re-publishing an edit sends nothing).
    ``template`` is a template path without extension: ``<template>.html`` and
    ``<template>.txt`` must exist.
    """
    wanted = list(dict.fromkeys(lists))
    mailing_lists = list(MailingList.objects.filter(slug__in=wanted))
    missing = set(wanted) - {ml.slug for ml in mailing_lists}
    if missing:
        raise UnknownListError(f"Okända sändlistor: {', '.join(sorted(missing))}")

    content_type = ContentType.objects.get_for_model(obj)
    previous = Mailing.objects.filter(content_type=content_type, object_id=str(obj.pk)).order_by("-sequence").first()
    if previous and not resend:
        return None
    try:
        with transaction.atomic():
            mailing = Mailing.objects.create(
                content_type=content_type,
                object_id=str(obj.pk),
                sequence=previous.sequence + 1 if previous else 0,
                subject=subject[:255],
                template=template,
                url=url,
                created_by=user if user is not None and user.is_authenticated else None,
            )
            mailing.lists.set(mailing_lists)
    except IntegrityError:
        logger.info("Mailing for %s %s already exists; not announcing again", content_type, obj.pk)
        return None
    transaction.on_commit(lambda: _queue(mailing.pk))
    return mailing


def _queue(mailing_id):
    from network.tasks import queue_mailing

    queue_mailing(mailing_id)


def mailings_for(obj):
    """All mailings of ``obj``, newest first."""
    content_type = ContentType.objects.get_for_model(obj)
    return Mailing.objects.filter(content_type=content_type, object_id=str(obj.pk)).order_by("-sequence")


def progress(mailing):
    """Counts per delivery state for a mailing, for admin panels and reports."""
    counts = dict.fromkeys(Delivery.State.values, 0)
    for row in mailing.deliveries.values("state").order_by().annotate(count=Count("id")):
        counts[row["state"]] = row["count"]
    counts["recipients"] = sum(counts[state] for state in Delivery.State.values)
    return counts
