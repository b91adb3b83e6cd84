"""Demo content for load_demo: a few confirmed subscribers on the news, media, LSG and board lists.

They give the demo's mailings someone to reach, so the admin shows deliveries and a
new release or news item can be followed to the recipients' inboxes. Idempotent:
a person or subscription that exists is left alone.
"""

from django.utils import timezone

from network.api import ensure_lists
from network.models import MailingList, Organisation, Subscriber, Subscription

CONSENT_TEXT = "Demodata skapad av load_demo; ingen verklig person."

SUBSCRIBERS = [
    {
        "email": "anna.lindqvist@example.se",
        "name": "Anna Lindqvist",
        "organisation": Organisation.KOMMUN,
        "role": "Socialsekreterare",
        "lists": ["natverket"],
    },
    {
        "email": "erik.johansson@example.se",
        "name": "Erik Johansson",
        "organisation": Organisation.ARBETSFORMEDLINGEN,
        "role": "Arbetsförmedlare",
        "lists": ["natverket"],
    },
    {
        "email": "maria.berglund@example.org",
        "name": "Maria Berglund",
        "organisation": Organisation.FORSAKRINGSKASSAN,
        "role": "Handläggare",
        "lists": ["natverket"],
    },
    {
        "email": "lars.nordin@example.se",
        "name": "Lars Nordin",
        "organisation": Organisation.MEDIA,
        "role": "Reporter",
        "lists": ["media"],
    },
    {
        "email": "sofia.holmberg@example.org",
        "name": "Sofia Holmberg",
        "organisation": Organisation.MEDIA,
        "role": "Redaktör",
        "lists": ["media", "natverket"],
    },
    # The monthly report goes to the local cooperation group (LSG) and the board.
    {
        "email": "karin.lundgren@example.se",
        "name": "Karin Lundgren",
        "organisation": Organisation.KOMMUN,
        "role": "Enhetschef, LSG",
        "lists": ["lsg"],
    },
    {
        "email": "johan.strom@example.org",
        "name": "Johan Ström",
        "organisation": Organisation.REGION,
        "role": "Verksamhetsutvecklare, LSG",
        "lists": ["lsg", "natverket"],
    },
    {
        "email": "eva.nilsson@example.se",
        "name": "Eva Nilsson",
        "organisation": Organisation.KOMMUN,
        "role": "Styrelseordförande",
        "lists": ["styrelsen"],
    },
    {
        "email": "per.sandberg@example.org",
        "name": "Per Sandberg",
        "organisation": Organisation.FORSAKRINGSKASSAN,
        "role": "Styrelseledamot",
        "lists": ["styrelsen"],
    },
]


def ensure_subscriber(spec, lists, now, association):
    """The confirmed subscriber of ``spec`` on its lists in ``association``; returns whether anything was created."""
    person = {key: value for key, value in spec.items() if key not in ("email", "lists")}
    subscriber, created = Subscriber.objects.get_or_create(
        association=association,
        email=spec["email"],
        defaults={
            **person,
            "confirmed_at": now,
            "consent_text": CONSENT_TEXT,
            "consent_at": now,
            "consent_source": "demo",
        },
    )
    for slug in spec["lists"]:
        _, subscribed = Subscription.objects.get_or_create(
            subscriber=subscriber, mailing_list=lists[slug], defaults={"confirmed_at": now}
        )
        created = created or subscribed
    return created


def load(context):
    """``register_demo_content`` hook: idempotent."""
    ensure_lists(context.site)
    wanted = {slug for spec in SUBSCRIBERS for slug in spec["lists"]}
    lists = {item.slug: item for item in MailingList.objects.filter(association=context.site, slug__in=wanted)}
    now = timezone.now()
    created = sum(ensure_subscriber(spec, lists, now, context.site) for spec in SUBSCRIBERS)
    if created:
        context.note(f"{created} prenumeranter på listorna Nätverket, Media, LSG och Styrelsen")
