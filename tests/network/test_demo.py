"""load_demo puts a few confirmed people on the news list and the media list, once."""

import io

import pytest
from django.core.management import call_command

from network.deliveries import recipients
from network.models import MailingList, Subscriber, Subscription

pytestmark = pytest.mark.django_db


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_creates_confirmed_subscribers_on_every_list_that_is_sent_to_once():
    assert "prenumeranter" in load_demo()
    people = set(Subscriber.objects.values_list("email", flat=True))
    subscriptions = Subscription.objects.count()
    assert people, "load_demo created no subscribers"
    assert all(email.endswith(("@example.org", "@example.se")) for email in people)

    for slug in ("natverket", "media", "lsg", "styrelsen"):
        on_list = MailingList.objects.get(slug=slug, association__is_default_site=True)
        reached = set(recipients([on_list.pk], on_list.association_id).values_list("email", flat=True))
        assert len(reached) >= 2, f"the demo has too few recipients on {slug}: {reached}"

    assert "prenumeranter" not in load_demo()
    assert set(Subscriber.objects.values_list("email", flat=True)) == people
    assert Subscription.objects.count() == subscriptions
