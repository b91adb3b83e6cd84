"""Double opt-in: signing up, confirming, unsubscribing and changing lists.

The views call these; each function is one small transaction. Nothing here
reveals to the caller whether an address was already known: :func:`register`
returns nothing, and the only emails it sends go to the address itself.

Everything is per association (home.associations): a Subscriber is one address in one
association, with its own consent and confirmation, so the same address may be subscribed
to two associations independently, and confirming or unsubscribing in one leaves the other
as it is. The emails come from the subscriber's association (its sender, name and address).
"""

import logging
from datetime import timedelta

from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.associations import root_url
from network import conf
from network.models import MailingList, Subscriber, Subscription, Suppression, email_hash
from network.sending import association_context, reply_to, sender
from network.tokens import make_token

logger = logging.getLogger(__name__)

CONFIRM_MAX_AGE = timedelta(hours=48)
ALREADY_SUBSCRIBED_INTERVAL = timedelta(hours=24)

# Where an interest registration came from, recorded as the subscriber's consent source: the
# signup page itself, or a printed item whose QR code carries ``?kalla=<source>`` (signup_url).
SIGNUP_SOURCE = "signup"
PRINTED_SOURCES = {
    "affisch-a4": _("Affisch A4"),
    "affisch-a3": _("Affisch A3"),
    "informationsblad": _("Informationsblad"),
}
SOURCE_PARAMETER = "kalla"

EMAIL_CONFIRM = "confirm"
EMAIL_ALREADY_SUBSCRIBED = "already_subscribed"
EMAIL_MANAGE_LINK = "manage_link"
EMAIL_SUBJECTS = {
    EMAIL_CONFIRM: "Bekräfta din anmälan till {site_name}",
    EMAIL_ALREADY_SUBSCRIBED: "Du prenumererar redan på {site_name}",
    EMAIL_MANAGE_LINK: "Din nya länk till dina prenumerationer hos {site_name}",
}


def register(
    *, association, email, name, organisation, lists, consent_text, ip, source=SIGNUP_SOURCE, role="", held=()
):
    """Record an interest registration with ``association`` (a Site) and queue the one email it may cause.

    ``lists`` must be lists of ``association`` (the signup form offers only those); another
    association's list is refused with ValueError and nothing is recorded.

    ``held`` are lists among ``lists`` the coordinator holds (the media list): their
    subscriptions wait for the coordinator's acceptance (:func:`accept`) after the
    person confirmed their address.

    - unknown address: a pending subscriber and subscriptions, then a confirmation email;
    - pending address whose confirmation link has expired: consent renewed, a new confirmation email;
    - pending address with a live link: nothing (the link already sent still works);
    - confirmed address: nothing changes; at most one "already subscribed" email a day, with the manage link;
    - suppressed address (in this association or in all): nothing at all, ever.
    """
    if any(mailing_list.association_id != association.pk for mailing_list in lists):
        raise ValueError("A signup names a list of another association.")
    if Suppression.objects.for_association(association).filter(email_hash=email_hash(email)).exists():
        return
    now = timezone.now()
    consent = {
        "consent_text": str(consent_text),
        "consent_at": now,
        "consent_ip": ip or None,
        "consent_source": source,
    }
    with transaction.atomic():
        people = Subscriber.objects.filter(association=association)
        subscriber = people.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(
                        association=association, email=email, name=name, organisation=organisation, role=role, **consent
                    )
            except IntegrityError:
                return  # a concurrent signup of the same address won; it sends the one email
            kind = EMAIL_CONFIRM
        elif subscriber.is_confirmed:
            kind = EMAIL_ALREADY_SUBSCRIBED
        elif subscriber.consent_at and now - subscriber.consent_at < CONFIRM_MAX_AGE:
            return
        else:
            for field, value in {"name": name, "organisation": organisation, "role": role, **consent}.items():
                setattr(subscriber, field, value)
            subscriber.save()
            kind = EMAIL_CONFIRM
        if kind == EMAIL_CONFIRM:
            held_ids = {mailing_list.pk for mailing_list in held}
            for mailing_list in lists:
                Subscription.objects.get_or_create(
                    subscriber=subscriber,
                    mailing_list=mailing_list,
                    defaults={"awaiting_acceptance": mailing_list.pk in held_ids},
                )
        elif not cache.add(f"network:already:{subscriber.pk}", 1, ALREADY_SUBSCRIBED_INTERVAL.total_seconds()):
            return
        subscriber_id = subscriber.pk
        transaction.on_commit(lambda: queue_email(subscriber_id, kind))


def send_manage_link(subscriber):
    """Email a confirmed subscriber a fresh manage link, at most once per NETWORK_MANAGE_LINK_INTERVAL."""
    if subscriber.is_confirmed and cache.add(
        f"network:manage-link:{subscriber.pk}", 1, conf.get("NETWORK_MANAGE_LINK_INTERVAL")
    ):
        queue_email(subscriber.pk, EMAIL_MANAGE_LINK)


def queue_email(subscriber_id, kind):
    """Queue one of the signup emails for a worker; a broker outage is logged, never raised."""
    from network.tasks import send_signup_email_task  # network.tasks imports this module for send_email

    try:
        send_signup_email_task.delay(subscriber_id, kind)
    except Exception:  # noqa: BLE001 - a broker outage must not turn a signup into a server error
        logger.exception("Could not queue %s email for subscriber %s", kind, subscriber_id)


def send_email(subscriber_id, kind):
    """Send the confirmation, "already subscribed" or manage-link email; harmless to run twice."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).select_related("association").first()
    if subscriber is None:
        return
    suppressions = Suppression.objects.for_association(subscriber.association_id)
    if suppressions.filter(email_hash=subscriber.email_hash).exists():
        return
    if (kind == EMAIL_CONFIRM) == subscriber.is_confirmed:
        return
    context = {
        **association_context(subscriber.association),
        "subscriber": subscriber,
        "confirm_url": personal_url("network:confirm", subscriber, "confirm"),
        "manage_url": personal_url("network:manage", subscriber, "manage"),
        "valid_hours": int(CONFIRM_MAX_AGE.total_seconds() // 3600),
        "valid_days": int(conf.get("NETWORK_MANAGE_LINK_MAX_AGE") // 86400),
    }
    message = EmailMultiAlternatives(
        subject=EMAIL_SUBJECTS[kind].format(site_name=context["site_name"]),
        body=render_to_string(f"network/email/{kind}.txt", context),
        from_email=sender(context),
        to=[subscriber.email],
        reply_to=reply_to(context),
    )
    message.attach_alternative(render_to_string(f"network/email/{kind}.html", context), "text/html")
    message.send()


def personal_url(url_name, subscriber, purpose):
    """An absolute personal link carrying a signed token for ``purpose``, on the subscriber's association's address."""
    return root_url(subscriber.association) + reverse(url_name, args=[make_token(subscriber, purpose)])


def confirm(subscriber):
    """Confirm a pending subscriber and its pending subscriptions; False if it was already confirmed."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.is_confirmed:
            return False
        now = timezone.now()
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])
        # An application to a held list (the media list) waits for the coordinator.
        subscriber.subscriptions.filter(confirmed_at__isnull=True, awaiting_acceptance=False).update(confirmed_at=now)
    return True


def accept(subscription):
    """The coordinator accepts an application to a held list; False when there is nothing to accept.

    Only a person who confirmed their address is accepted: the double opt-in comes first.
    """
    updated = Subscription.objects.filter(
        pk=subscription.pk, awaiting_acceptance=True, subscriber__confirmed_at__isnull=False
    ).update(awaiting_acceptance=False, confirmed_at=timezone.now(), unsubscribed_at=None)
    return bool(updated)


def decline(subscription):
    """The coordinator declines an application: the waiting subscription is removed, and the person with it
    when it was all they had (the privacy notice says a declined application is erased)."""
    with transaction.atomic():
        Subscription.objects.filter(pk=subscription.pk, awaiting_acceptance=True).delete()
        Subscriber.objects.filter(pk=subscription.subscriber_id, subscriptions__isnull=True).delete()


def unsubscribe_all(subscriber):
    """End every subscription of ``subscriber``; idempotent. Returns how many were ended."""
    return subscriber.subscriptions.filter(unsubscribed_at__isnull=True).update(unsubscribed_at=timezone.now())


def manageable_lists(subscriber):
    """Lists a person may choose on the manage page: their association's public ones and those they are on."""
    active = Subscription.objects.filter(subscriber=subscriber, unsubscribed_at__isnull=True).values("mailing_list")
    lists = MailingList.objects.filter(association_id=subscriber.association_id)
    return lists.filter(public=True) | lists.filter(pk__in=active)


def set_lists(subscriber, chosen):
    """Make ``subscriber`` subscribe to exactly ``chosen`` among their manageable lists."""
    now = timezone.now()
    chosen_ids = {mailing_list.pk for mailing_list in chosen}
    with transaction.atomic():
        for mailing_list in manageable_lists(subscriber).distinct():
            subscription = Subscription.objects.filter(subscriber=subscriber, mailing_list=mailing_list).first()
            if mailing_list.pk in chosen_ids:
                if subscription is None:
                    Subscription.objects.create(subscriber=subscriber, mailing_list=mailing_list, confirmed_at=now)
                elif not subscription.active and not subscription.awaiting_acceptance:
                    subscription.confirmed_at = subscription.confirmed_at or now
                    subscription.unsubscribed_at = None
                    subscription.save(update_fields=["confirmed_at", "unsubscribed_at"])
            elif subscription is not None and subscription.unsubscribed_at is None:
                subscription.unsubscribed_at = now
                subscription.save(update_fields=["unsubscribed_at"])
