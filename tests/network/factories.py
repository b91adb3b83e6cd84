"""Factories for the network's models (shared by the network's test modules)."""

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from network.models import Delivery, Mailing, MailingList, Subscriber, Subscription


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = "lycksele_kommun"
    confirmed_at = factory.LazyFunction(timezone.now)
    consent_at = factory.LazyFunction(timezone.now)
    consent_source = "signup"


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    subscriber = factory.SubFactory(SubscriberFactory)
    mailing_list = factory.LazyFunction(lambda: MailingList.objects.get(slug="natverket"))
    confirmed_at = factory.LazyFunction(timezone.now)


def subscribe(mailing_list, *, count=1, confirmed=True, prefix="person"):
    """``count`` subscribers on ``mailing_list`` (by slug), created in bulk; returns their ids."""
    now = timezone.now() if confirmed else None
    people = Subscriber.objects.bulk_create(
        [Subscriber(email=f"{prefix}{n}@example.org", name=f"Person {n}", confirmed_at=now) for n in range(count)]
    )
    list_id = MailingList.objects.get(slug=mailing_list).pk
    Subscription.objects.bulk_create(
        [Subscription(subscriber_id=p.pk, mailing_list_id=list_id, confirmed_at=now) for p in people]
    )
    return [p.pk for p in people]


class MailingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mailing

    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(MailingList))
    object_id = factory.Sequence(str)
    subject = factory.Sequence(lambda n: f"Nyhet {n}")
    template = "network/email/test"


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    mailing = factory.SubFactory(MailingFactory)
    subscriber = factory.SubFactory(SubscriberFactory)
    email = factory.LazyAttribute(lambda delivery: delivery.subscriber.email)
    state = Delivery.State.SENT
    provider_message_id = factory.Sequence(lambda n: f"msg-{n}")
