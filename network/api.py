"""The network's public interface: the one module other apps may import.

Apps announce a published object with :func:`announce`; the network records a
Mailing in the caller's transaction and, after commit, snapshots the recipients
and sends. The network never imports the announcing app: the email templates
are named by the caller and extend ``network/email/base.html`` / ``base.txt``.
They are rendered once per mailing with ``object`` (the announced object),
``mailing``, ``url``, ``site_name`` and the caller's ``context``; the personal
``unsubscribe_url`` / ``manage_url`` are filled in per recipient when sending.

Every mailing belongs to one association (a wagtail Site, home.associations): its lists
are that association's (:func:`announce` refuses any other), it reaches only that
association's subscribers, and its links, Message-IDs and sender are the association's.
The helpers below take an ``association`` (a Site); None means the default one.
"""

import logging
import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse

from home.associations import default_association, root_url
from home.associations import domain as site_domain
from network.deliveries import recipients, suppressed_hashes
from network.models import Delivery, Mailing, MailingList, Subscription, email_hash, one_line
from network.ratelimit import allow, client_ip
from network.signup import PRINTED_SOURCES, SOURCE_PARAMETER
from network.statistics import summary as mailing_statistics
from network.statistics import tracks_persons
from network.views import media_signup_view

logger = logging.getLogger(__name__)

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")

# ``client_ip`` and ``allow`` are the site's one client address and rate limit (network.ratelimit);
# ``media_signup_view`` is a journalist's application to the media list, shown by the press room;
# ``mailing_statistics`` a mailing's delivered, bounced, opened and clicked counts and ``tracks_persons``
# whether opens and clicks are kept per person (network.statistics).
__all__ = [
    "announce",
    "association_url",
    "deliveries_for",
    "ensure_lists",
    "lists_of",
    "mailing_statistics",
    "mailings_for",
    "progress",
    "tracks_persons",
    "recipient_count",
    "signup_url",
    "site_domain",
    "stats",
    "NoRecipientsError",
    "UnknownListError",
    "ForeignListError",
    "client_ip",
    "allow",
    "media_signup_view",
]


# The lists every association has (DESIGN.md): slug, name, description, open to the public.
LISTS = [
    ("natverket", "Nätverket", "Personal hos de fyra huvudmännen och andra som anmält intresse för nyheter.", True),
    ("media", "Media (sändlista)", "Redaktioner och journalister som får förbundets pressmeddelanden.", False),
    ("fortroendevalda", "Förtroendevalda", "Förtroendevalda i huvudmännens beslutande församlingar.", False),
    ("lsg", "Lokala samverkansgruppen (LSG)", "Får månadsrapporten om kommunikationsarbetet.", False),
    ("styrelsen", "Styrelsen", "Förbundets styrelse; får månadsrapporten.", False),
]


def _association(association):
    return association if association is not None else default_association()


def association_url(association=None):
    """The one address of ``association`` (no trailing slash): ``SITE_URL`` for the default one, else its
    Site's ``root_url``. Every link in its emails starts here, never at a request's host."""
    return root_url(association)


def ensure_lists(association):
    """Give ``association`` the five lists every association has (LISTS); idempotent. Returns the new lists' slugs.

    What ``create_association`` calls; the default association's lists come from the migrations.
    """
    created = []
    for slug, name, description, public in LISTS:
        _list, new = MailingList.objects.get_or_create(
            association=association, slug=slug, defaults={"name": name, "description": description, "public": public}
        )
        if new:
            created.append(slug)
    return created


def lists_of(association=None):
    """The mailing lists of ``association`` (the default one when None), as a queryset."""
    return MailingList.objects.filter(association=_association(association))


def signup_url(*, source, root_url=None):
    """The absolute address of the interest registration that records ``source`` (a key of
    ``network.signup.PRINTED_SOURCES``) as where the signup came from: what a printed QR code
    points at. ``root_url`` is the association's address (its Site record), by default ``SITE_URL``."""
    if source not in PRINTED_SOURCES:
        raise ValueError(f"Unknown signup source {source!r}")
    base = (root_url or settings.SITE_URL).rstrip("/")
    return f"{base}{reverse('network:signup')}?{urlencode({SOURCE_PARAMETER: source})}"


class UnknownListError(ValueError):
    """Raised when a caller names a mailing list that does not exist."""


class ForeignListError(ValueError):
    """Raised when a mailing would go to a list of another association than its own."""


class NoRecipientsError(ValueError):
    """Raised, with a Swedish explanation for the editor, when a send that must reach someone would reach nobody."""


def _require_recipients(mailing_lists):
    active = Subscription.objects.filter(
        mailing_list__in=mailing_lists,
        confirmed_at__isnull=False,
        unsubscribed_at__isnull=True,
        subscriber__confirmed_at__isnull=False,
    )
    if not active.exists():
        names = ", ".join(sorted(mailing_list.name for mailing_list in mailing_lists))
        raise NoRecipientsError(
            f"Inget skickades: listorna {names} har ingen bekräftad mottagare. "
            "Lägg till mottagare under Nätverket › Prenumerationer och försök igen."
        )


def announce(
    obj,
    *,
    lists,
    subject,
    template,
    url="",
    user=None,
    resend=False,
    context=None,
    require_recipients=False,
    kind="",
    skip_recipients_of=None,
    association=None,
):
    """Record that ``obj`` was published and queue its mailing after commit.

    Returns the new Mailing, or None when ``obj`` was already announced (a mailing
    of the same ``kind`` exists) and no resend was asked for (so re-publishing an
    edit sends nothing). ``kind`` "" is the publication; another kind is an advance
    mailing the publication does not count (``press``: a release under embargo).
    ``skip_recipients_of`` (a Mailing) leaves out the people that mailing reached.
    ``template`` is a template path without extension: ``<template>.html`` and
    ``<template>.txt`` must exist. ``context`` is extra, JSON-serialisable
    template context (e.g. ``{"site_name": …, "logo_url": …}`` from the
    organisation settings), stored with the mailing for the worker.
    With ``require_recipients`` (a report, an explicit resend), lists without a
    single confirmed recipient raise :class:`NoRecipientsError` and nothing is
    recorded; a publication announces regardless (publishing must not fail).
    ``association`` is the mailing's (None: the default one); ``lists`` are slugs of its
    lists, or MailingList objects, which must all be its own (:class:`ForeignListError`).
    """
    association = _association(association)
    mailing_lists = _mailing_lists(association, lists)
    if require_recipients:
        _require_recipients(mailing_lists)

    content_type = ContentType.objects.get_for_model(obj)
    mailings = Mailing.objects.filter(content_type=content_type, object_id=str(obj.pk))
    if not resend and mailings.filter(kind=kind).exists():
        return None
    previous = mailings.order_by("-sequence").first()
    try:
        with transaction.atomic():
            mailing = Mailing.objects.create(
                content_type=content_type,
                object_id=str(obj.pk),
                sequence=previous.sequence + 1 if previous else 0,
                subject=one_line(subject)[:255],
                template=template,
                url=url,
                context=dict(context or {}),
                kind=kind,
                skip_recipients_of=skip_recipients_of,
                created_by=user if user is not None and user.is_authenticated else None,
                association=association,
            )
            mailing.lists.set(mailing_lists)
    except IntegrityError:
        logger.info("Mailing for %s %s already exists; not announcing again", content_type, obj.pk)
        return None
    transaction.on_commit(lambda: _queue(mailing.pk))
    return mailing


def _mailing_lists(association, lists):
    """The association's lists named by ``lists`` (slugs or MailingList objects), each once; refuses others."""
    wanted = list(dict.fromkeys(lists))
    objects = [item for item in wanted if isinstance(item, MailingList)]
    foreign = sorted(item.name for item in objects if item.association_id != association.pk)
    if foreign:
        raise ForeignListError(
            f"Sändlistorna {', '.join(foreign)} hör till ett annat förbund än utskicket. Välj förbundets egna listor."
        )
    slugs = [str(item) for item in wanted if not isinstance(item, MailingList)]
    # Only what can be a slug is looked up (PostgreSQL refuses a NUL character in a query).
    found = list(MailingList.objects.filter(association=association, slug__in=[s for s in slugs if SLUG.fullmatch(s)]))
    missing = set(slugs) - {ml.slug for ml in found}
    if missing:
        raise UnknownListError(f"Okända sändlistor: {', '.join(sorted(missing))}")
    return list({ml.pk: ml for ml in [*objects, *found]}.values())


def _queue(mailing_id):
    from network.tasks import queue_mailing  # network.tasks imports this module (through sending): a cycle

    queue_mailing(mailing_id)


def mailings_for(obj):
    """All mailings of ``obj``, newest first."""
    content_type = ContentType.objects.get_for_model(obj)
    return Mailing.objects.filter(content_type=content_type, object_id=str(obj.pk)).order_by("-sequence")


def deliveries_for(obj):
    """Every delivery of ``obj``'s mailings (who got it, when, in which state), newest mailing first."""
    return (
        Delivery.objects.filter(mailing__in=mailings_for(obj))
        .select_related("mailing")
        .order_by("-mailing__sequence", "email")
    )


def recipient_count(lists, *, association=None):
    """How many people a mailing of ``association`` to its lists named ``lists`` (slugs) would reach now.

    The same people the snapshot would take (confirmed, not suppressed, each
    person once), so the board can be told before it approves.
    """
    association = _association(association)
    list_ids = list(lists_of(association).filter(slug__in=list(lists)).values_list("pk", flat=True))
    people = recipients(list_ids, association.pk).values_list("email", flat=True)
    hashes = [email_hash(email) for email in people.iterator()]
    suppressed = suppressed_hashes(hashes, association.pk)
    return sum(1 for value in hashes if value not in suppressed)


def progress(mailing):
    """Counts per delivery state for a mailing, for admin panels and reports."""
    counts = dict.fromkeys(Delivery.State.values, 0)
    for row in mailing.deliveries.values("state").order_by().annotate(count=Count("id")):
        counts[row["state"]] = row["count"]
    counts["recipients"] = sum(counts[state] for state in Delivery.State.values)
    return counts


def stats(start, end, *, list_slug="natverket", association=None):
    """Figures of ``association`` for a period [start, end): the network's size and the mailings sent.

    ``size_now``, ``size_at_start`` and ``size_at_end`` count people with a
    confirmed, not unsubscribed subscription to ``list_slug`` (now, at ``start``,
    at ``end``); ``added`` and ``unsubscribed`` count subscriptions confirmed or
    ended in the period, so ``size_at_end == size_at_start + added - unsubscribed``. ``mailings`` lists the
    mailings created in the period, oldest first, each with its delivery counts.
    """
    members_at = {
        moment: Q(Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gte=moment), confirmed_at__lt=moment)
        for moment in (start, end)
    }
    association = _association(association)
    subscriptions = Subscription.objects.filter(mailing_list__association=association, mailing_list__slug=list_slug)
    sizes = subscriptions.aggregate(
        size_now=Count("pk", filter=Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True)),
        size_at_start=Count("pk", filter=members_at[start]),
        size_at_end=Count("pk", filter=members_at[end]),
        added=Count("pk", filter=Q(confirmed_at__gte=start, confirmed_at__lt=end)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__gte=start, unsubscribed_at__lt=end)),
    )
    states = {state: Count("deliveries", filter=Q(deliveries__state=state)) for state in Delivery.State.values}
    mailings = [
        {
            "id": row["id"],
            "subject": row["subject"],
            "url": row["url"],
            "created_at": row["created_at"],
            "recipients": sum(row[state] for state in Delivery.State.values),
            **{state: row[state] for state in Delivery.State.values},
        }
        for row in Mailing.objects.filter(association=association, created_at__gte=start, created_at__lt=end)
        .order_by("created_at")
        .values("id", "subject", "url", "created_at")
        .annotate(**states)
    ]
    return {
        "list": list_slug,
        **sizes,
        "mailings": mailings,
    }
