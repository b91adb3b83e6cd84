"""A mailing's statistics: delivered, bounced, opened and clicked, as totals and over time, without people.

What the provider reports through anymail's tracking webhooks (network.receivers) is
counted per mailing, event type and hour (:class:`~network.models.MailingActivity`).
Opens and clicks are kept only as those counts: the webhook event is recorded for
replays without its message id or recipient, so nothing links an open to a person.
With NETWORK_TRACK_PERSONS on, a delivery also records when its recipient first
opened and clicked, and the statistics add how many people did.

Each provider event is counted once: the receiver records it first (TrackingEvent's
unique id) and counts only what it recorded, so a replayed webhook changes nothing.
"""

import datetime

from anymail.signals import EventType
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from network import conf
from network.models import Delivery, MailingActivity

COUNTED = (EventType.DELIVERED, EventType.BOUNCED, EventType.COMPLAINED, EventType.OPENED, EventType.CLICKED)
ENGAGEMENT = {EventType.OPENED: "opened_at", EventType.CLICKED: "clicked_at"}
# The chart's buckets: hours while the mailing is at most this old, else days, at most MAX_DAYS of them.
HOURLY_SPAN = datetime.timedelta(hours=48)
MAX_DAYS = 60


def tracks_persons():
    """True when opens and clicks are recorded per person (NETWORK_TRACK_PERSONS), as the privacy notice must say."""
    return bool(conf.get("NETWORK_TRACK_PERSONS"))


def keeps_recipient(event_type):
    """Whether the record of a provider event may name its message and recipient."""
    return event_type not in ENGAGEMENT or tracks_persons()


def record(deliveries, event_type, at=None):
    """Count one provider event of ``event_type`` for the mailing of ``deliveries`` (the ones it names)."""
    if event_type not in COUNTED:
        return
    at = at or timezone.now()
    hour = at.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    for mailing_id in set(deliveries.values_list("mailing_id", flat=True)):
        _increment(mailing_id, event_type, hour)
    field = ENGAGEMENT.get(event_type)
    if field and tracks_persons():
        # Providers do not report in order: keep the earliest time.
        deliveries.filter(Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": at})).update(**{field: at})


def _increment(mailing_id, event_type, hour):
    counter = MailingActivity.objects.filter(mailing_id=mailing_id, event_type=event_type, hour=hour)
    if counter.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            MailingActivity.objects.create(mailing_id=mailing_id, event_type=event_type, hour=hour, count=1)
    except IntegrityError:  # another event of the same hour created the counter first
        counter.update(count=F("count") + 1)


def summary(mailing, now=None):
    """Totals and a series over time for ``mailing``.

    ``totals``: ``recipients``, ``sent`` (handed to the provider), ``failed``, ``delivered``, ``bounced``,
    ``complained``, ``opened`` and ``clicked`` (events, so one person opening twice counts twice)
    and, with NETWORK_TRACK_PERSONS, ``openers`` and ``clickers`` (people). ``series``: one dict
    per hour (a young mailing) or day, oldest first, with ``start``, ``label`` and a count per
    event type. ``per_person`` says whether the people counts exist.
    """
    rows = list(mailing.activity.values("event_type", "hour", "count"))
    counted = {event_type: 0 for event_type in COUNTED}
    for row in rows:
        counted[row["event_type"]] = counted.get(row["event_type"], 0) + row["count"]
    states = dict(mailing.deliveries.values_list("state").order_by().annotate(count=Count("id")))
    totals = {
        "recipients": sum(states.values()),
        "sent": states.get(Delivery.State.SENT, 0),
        "failed": states.get(Delivery.State.FAILED, 0),
        "delivered": counted[EventType.DELIVERED],
        "bounced": states.get(Delivery.State.BOUNCED, 0),
        "complained": states.get(Delivery.State.COMPLAINED, 0),
        "opened": counted[EventType.OPENED],
        "clicked": counted[EventType.CLICKED],
    }
    per_person = tracks_persons()
    if per_person:
        people = mailing.deliveries.aggregate(
            openers=Count("id", filter=Q(opened_at__isnull=False)),
            clickers=Count("id", filter=Q(clicked_at__isnull=False)),
        )
        totals.update(people)
    return {"totals": totals, "series": series(mailing, rows, now), "per_person": per_person}


def series(mailing, rows, now=None):
    """The counts of ``rows`` (MailingActivity values) in consecutive buckets from the mailing's creation."""
    now = now or timezone.now()
    start = mailing.created_at
    last = max([row["hour"] for row in rows], default=start)
    end = max(min(now, start + datetime.timedelta(days=MAX_DAYS)), last)
    hourly = end - start <= HOURLY_SPAN
    step = datetime.timedelta(hours=1) if hourly else datetime.timedelta(days=1)
    first = _bucket(start, hourly)
    buckets = []
    moment = first
    while moment <= end and len(buckets) < (48 if hourly else MAX_DAYS):
        buckets.append({"start": moment, **{event_type: 0 for event_type in COUNTED}})
        moment += step
    for row in rows:
        index = int((_bucket(row["hour"], hourly) - first) / step)
        if 0 <= index < len(buckets):
            buckets[index][row["event_type"]] += row["count"]
    for bucket in buckets:
        local = timezone.localtime(bucket["start"])
        bucket["label"] = local.strftime("%d/%m %H.00") if hourly else local.strftime("%d/%m")
    return buckets


def _bucket(moment, hourly):
    local = timezone.localtime(moment)
    if hourly:
        return local.replace(minute=0, second=0, microsecond=0)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)
