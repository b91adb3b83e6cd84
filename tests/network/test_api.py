"""The network's public interface: announce(), stats() and the personal tokens."""

import uuid
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.utils import timezone
from factories import SubscriberFactory, SubscriptionFactory

from network import api
from network.models import Delivery, Mailing, MailingList
from network.tokens import make_token, read_token

pytestmark = pytest.mark.django_db


def test_token_round_trips_for_its_purpose_only():
    person = SubscriberFactory()
    token = make_token(person, "unsubscribe")
    assert read_token(token, "unsubscribe") == person
    with pytest.raises(signing.BadSignature):
        read_token(token, "manage")


@pytest.mark.parametrize("mangle", [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: "x" + t, lambda t: ""])
def test_tampered_token_is_rejected(mangle):
    token = make_token(SubscriberFactory(), "unsubscribe")
    with pytest.raises(signing.BadSignature):
        read_token(mangle(token), "unsubscribe")


def test_token_of_another_subscriber_pk_is_rejected():
    first, second = SubscriberFactory(), SubscriberFactory()
    _, rest = make_token(first, "manage").split(":", 1)
    with pytest.raises(signing.BadSignature):
        read_token(f"{second.pk}:{rest}", "manage")


def test_rotating_the_secret_invalidates_links():
    person = SubscriberFactory()
    token = make_token(person, "manage")
    person.secret = uuid.uuid4()
    person.save()
    with pytest.raises(signing.BadSignature):
        read_token(token, "manage")


def test_expired_token_is_rejected(monkeypatch):
    person = SubscriberFactory()
    token = make_token(person, "confirm")
    later = timezone.now().timestamp() + 49 * 3600
    monkeypatch.setattr("network.tokens.time.time", lambda: later)
    with pytest.raises(signing.SignatureExpired):
        read_token(token, "confirm", max_age=48 * 3600)


def test_announce_stores_context_and_sends_nothing_twice(django_capture_on_commit_callbacks):
    target = MailingList.objects.get(slug="media")
    with django_capture_on_commit_callbacks() as callbacks:
        mailing = api.announce(
            target, lists=["media"], subject="Ämne", template="network/email/base", context={"site_name": "SF"}
        )
    assert len(callbacks) == 1
    assert mailing.context == {"site_name": "SF"}
    assert api.announce(target, lists=["media"], subject="Ämne", template="network/email/base") is None
    assert api.announce(target, lists=["media"], subject="Igen", template="x", resend=True).sequence == 1


def test_announce_rejects_unknown_lists():
    with pytest.raises(api.UnknownListError):
        api.announce(MailingList.objects.first(), lists=["nope"], subject="x", template="x")
    assert not Mailing.objects.exists()


def test_stats_counts_the_network_and_the_period_mailings(django_assert_max_num_queries):
    now = timezone.now()
    start, end = now - timedelta(days=30), now + timedelta(seconds=1)
    long_ago = now - timedelta(days=90)
    SubscriptionFactory(confirmed_at=long_ago)  # member all along
    SubscriptionFactory(confirmed_at=long_ago, unsubscribed_at=now - timedelta(days=3))  # left in the period
    SubscriptionFactory(confirmed_at=now - timedelta(days=2))  # joined in the period
    SubscriptionFactory(confirmed_at=None)  # never confirmed
    SubscriptionFactory(confirmed_at=long_ago, mailing_list=MailingList.objects.get(slug="media"))  # other list
    natverket = MailingList.objects.get(slug="natverket")
    mailing = Mailing.objects.create(
        content_type=ContentType.objects.get_for_model(natverket), object_id="1", subject="Nyhet", template="t"
    )
    people = [s.subscriber for s in natverket.subscriptions.select_related("subscriber")]
    Delivery.objects.create(mailing=mailing, subscriber=people[0], email="a@example.org", state="sent")
    Delivery.objects.create(mailing=mailing, subscriber=people[1], email="b@example.org", state="failed")
    Mailing.objects.filter(pk=mailing.pk).update(created_at=long_ago)
    Mailing.objects.create(
        content_type=ContentType.objects.get_for_model(natverket), object_id="2", subject="Ny", template="t"
    )

    with django_assert_max_num_queries(5):
        figures = api.stats(start, end)

    assert figures["size_now"] == 2
    assert figures["size_at_start"] == 2
    assert figures["added"] == 1
    assert figures["unsubscribed"] == 1
    assert [m["subject"] for m in figures["mailings"]] == ["Ny"]
    assert figures["mailings"][0]["recipients"] == 0
    older = api.stats(long_ago - timedelta(days=1), end)
    assert older["mailings"][0]["sent"] == 1 and older["mailings"][0]["failed"] == 1
    assert older["mailings"][0]["recipients"] == 2
