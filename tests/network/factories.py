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
