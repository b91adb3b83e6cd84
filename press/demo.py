"""Demo content for load_demo: two published releases, one awaiting the board, and the plan's experience
conference as an event (the press room is init_site's).

Written from the 2006 communication plan: the association was formed in May 2005
and held a local experience conference in July. Idempotent: what exists is left alone.
"""

import datetime

from django.utils import timezone

from home.demo_texts import PEOPLE
from home.models import Person
from press.models import PressEvent, PressRelease, PressReleaseContact, PressRoomPage

# The coordinator, the demo's first contact person: the press contact and every release's contact.
CONTACT = PEOPLE[0]

PUBLISHED = [
    {
        "slug": "samordningsforbundet-lycksele-har-bildats",
        "title": "Samordningsförbundet Lycksele har bildats",
        "lead": "Arbetsförmedlingen, Försäkringskassan, Lycksele kommun och landstinget har bildat ett "
        "samordningsförbund för rehabilitering i Lycksele.",
        "body": "<p>Samordningsförbundet i Lycksele bildades i maj 2005. Förbundet ska verka för samordning "
        "inom rehabiliteringsområdet utifrån ett individperspektiv, till nytta för den enskilde invånaren.</p>"
        "<p>En verkställande tjänsteman är utsedd och ett första delprojekt är format.</p>",
        "published": datetime.datetime(2005, 5, 30, 10, 0),
    },
    {
        "slug": "lokal-erfarenhetskonferens-i-juli",
        "title": "Lokal erfarenhetskonferens om samverkan i juli",
        "lead": "Styrelsen, samordnaren och den lokala samverkansgruppen bjuder in till en erfarenhetskonferens "
        "om förbundets pågående aktiviteter.",
        "body": "<p>I juli samlas styrelsen, samordnaren och den lokala samverkansgruppen (LSG) till en lokal "
        "erfarenhetskonferens. Där redovisas de pågående aktiviteterna och erfarenheterna av samverkan "
        "mellan huvudmännen.</p>",
        "published": datetime.datetime(2006, 6, 20, 9, 0),
    },
]

PENDING = {
    "slug": "faktablad-om-forbundet",
    "title": "Nytt faktablad om samordningsförbundet",
    "lead": "Ett faktablad berättar vad man kan söka medel för, vem som kan söka och hur man gör.",
    "body": "<p>Under augusti tar styrelsen och samordnaren fram ett faktablad om förbundet. Det sprids "
    "via huvudmännens personalmöten och på förbundets webbplats.</p>",
}


# The plan's July activity "Lokal erfarenhetskonferens" (styrelse, samordnare and LSG).
EVENT = {
    "slug": "lokal-erfarenhetskonferens-2006",
    "title": "Lokal erfarenhetskonferens 2006",
    "kind": PressEvent.Kind.CONFERENCE,
    "lead": "Styrelsen, samordnaren och den lokala samverkansgruppen redovisar förbundets pågående aktiviteter "
    "och erfarenheterna av samverkan.",
    "body": "<p>Konferensen är öppen för huvudmännens personal och för medierna. Anmäl dig senast en vecka före.</p>",
    "starts_at": datetime.datetime(2006, 7, 6, 9, 0),
    "ends_at": datetime.datetime(2006, 7, 6, 15, 0),
    "registration_closes_at": datetime.datetime(2006, 6, 29, 23, 59),
    "place": "Lycksele kommunhus",
    "address": "Torget 1, Lycksele",
    "registration_form": True,
    "capacity": 80,
}


def load(context):
    room = PressRoomPage.objects.child_of(context.home).get()
    board, coordinator = context.users["styrelse"], context.users["samordnare"]
    for spec in PUBLISHED:
        if PressRelease.objects.filter(slug=spec["slug"]).exists():
            continue
        release = build_release(spec)
        release.save_revision(user=coordinator).publish(user=board)
        published_at = timezone.make_aware(spec["published"])
        PressRelease.objects.filter(pk=release.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )
        context.note(f"pressmeddelandet {room.release_url(release)}")
    if not PressRelease.objects.filter(slug=PENDING["slug"]).exists():
        release = build_release(PENDING)
        release.save_revision(user=coordinator)
        release.get_workflow().start(release, coordinator)
        context.note(f"pressmeddelandet ”{release.title}” som väntar på styrelsens godkännande")
    if not PressEvent.objects.filter(association=context.site, slug=EVENT["slug"]).exists():
        moments = {key: timezone.make_aware(EVENT[key]) for key in ("starts_at", "ends_at", "registration_closes_at")}
        event = PressEvent(**{**EVENT, **moments}, association=context.site, live=False)
        event.distribution.set(
            lists_model(PressEvent).objects.filter(association=context.site, slug__in=["media", "natverket"])
        )
        event.save()
        event.save_revision(user=coordinator).publish(user=coordinator)
        context.note(f"evenemanget {room.event_url(event)}")


def build_release(spec):
    release = PressRelease(
        title=spec["title"],
        slug=spec["slug"],
        lead=spec["lead"],
        body=[("paragraph", spec["body"])],
        live=False,
    )
    person, _created = Person.objects.get_or_create(name=CONTACT["name"], defaults=CONTACT)
    release.contacts.add(PressReleaseContact(person=person))
    release.distribution.set(
        lists_model(PressRelease).objects.filter(association=release.association, slug__in=["media", "natverket"])
    )
    release.save()
    return release


def lists_model(model):
    """The mailing list model, reached through the relation (press names no network model)."""
    return model._meta.get_field("distribution").related_model


FICTIONAL = {
    "slug": "exempeldalen-bjuder-in-till-samverkansdag",
    "title": "Exempeldalen bjuder in till samverkansdag",
    "lead": "Det fiktiva förbundet i Exempeldalen bjuder in sina huvudmän till en samverkansdag.",
    "body": "<p>Pressmeddelandet finns bara i Exempeldalens pressrum, aldrig i det andra förbundets.</p>",
}


def load_fictional(context):
    """``register_demo_association_content``: one published release of the fictional association."""
    if PressRelease.objects.filter(association=context.site, slug=FICTIONAL["slug"]).exists():
        return
    release = PressRelease(
        association=context.site,
        title=FICTIONAL["title"],
        slug=FICTIONAL["slug"],
        lead=FICTIONAL["lead"],
        body=[("paragraph", FICTIONAL["body"])],
        live=False,
    )
    release.save()
    release.save_revision().publish()
    context.note(f"pressmeddelandet ”{release.title}” i {context.site.site_name}")
