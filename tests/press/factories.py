"""Factories for press releases, events and the subscribers they are sent to."""

import datetime

import factory
from django.utils import timezone

from home.models import Person
from network.models import MailingList, Subscriber, Subscription
from press.models import PressEvent, PressRelease, PressReleaseContact


class PressReleaseFactory(factory.django.DjangoModelFactory):
    """A draft release on media + natverket, with one contact person."""

    title = factory.Sequence(lambda n: f"Pressmeddelande {n}")
    slug = factory.Sequence(lambda n: f"pressmeddelande-{n}")
    lead = "Styrelsen har beslutat om ett nytt projekt."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Projektet startar i höst.</p>")])
    live = False

    class Meta:
        model = PressRelease
        skip_postgeneration_save = True

    @factory.post_generation
    def lists(obj, create, extracted, **kwargs):
        obj.distribution.set(MailingList.objects.filter(slug__in=extracted or ["media", "natverket"]))
        person, _created = Person.objects.get_or_create(
            name="Sam Ordnare", defaults={"role": "Samordnare", "phone": "0950-123 45"}
        )
        obj.contacts.add(PressReleaseContact(person=person))
        if create:
            obj.save()


class PressEventFactory(factory.django.DjangoModelFactory):
    """A draft press conference a week from now, on the media list, taking registrations on the site."""

    title = factory.Sequence(lambda n: f"Presskonferens {n}")
    slug = factory.Sequence(lambda n: f"presskonferens-{n}")
    lead = "Förbundet presenterar årets resultat."
    starts_at = factory.LazyFunction(lambda: (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=2))
    place = "Kommunhuset, sal A"
    address = "Storgatan 1, Lycksele"
    registration_form = True
    live = False

    class Meta:
        model = PressEvent
        skip_postgeneration_save = True

    @factory.post_generation
    def lists(obj, create, extracted, **kwargs):
        obj.distribution.set(MailingList.objects.filter(slug__in=extracted or ["media"]))
        if create:
            obj.save()


def subscribe(email, *lists, confirmed=True):
    """A subscriber on ``lists``; confirmed (and so mailed) unless told otherwise."""
    now = timezone.now() if confirmed else None
    subscriber = Subscriber.objects.create(email=email, confirmed_at=now)
    for slug in lists:
        Subscription.objects.create(
            subscriber=subscriber, mailing_list=MailingList.objects.get(slug=slug), confirmed_at=now
        )
    return subscriber
