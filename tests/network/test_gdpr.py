"""GDPR: export, erasure keeping only a hash, purge of unconfirmed signups."""

import json
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from network import gdpr, tasks
from network.models import Delivery, Subscriber, Subscription, Suppression, email_hash
from site_lycksele.celery import app
from tests.network.factories import DeliveryFactory, SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_export_holds_everything_and_is_json(subscriber):
    subscriber.consent_ip = "192.0.2.1"
    subscriber.legal_basis = "Samtycke"
    subscriber.save()
    DeliveryFactory(subscriber=subscriber, mailing__subject="Tertialrapport")
    data = json.loads(json.dumps(gdpr.export_data(subscriber)))
    assert data["email"] == subscriber.email
    assert data["name"] == subscriber.name
    assert data["organisation"] == "Lycksele kommun"
    assert data["consent"]["ip"] == "192.0.2.1"
    assert data["consent"]["legal_basis"] == "Samtycke"
    assert [s["list"] for s in data["subscriptions"]] == ["Nätverket"]
    assert data["deliveries"][0]["subject"] == "Tertialrapport"
    assert data["suppressed"] is None


def test_erase_keeps_only_a_hash_and_anonymous_deliveries(subscriber, admin_user):
    delivery = DeliveryFactory(subscriber=subscriber)
    other = DeliveryFactory()
    content_type = ContentType.objects.get_for_model(Subscriber)
    ModelLogEntry.objects.create(
        content_type=content_type,
        object_id=str(subscriber.pk),
        label=str(subscriber),
        action="wagtail.edit",
        timestamp=timezone.now(),
    )
    address, pk = subscriber.email, subscriber.pk

    gdpr.erase(subscriber, user=admin_user)

    assert not Subscriber.objects.filter(pk=pk).exists()
    assert not Subscription.objects.filter(subscriber_id=pk).exists()
    assert Suppression.objects.get().email_hash == email_hash(address)
    assert Suppression.objects.get().reason == Suppression.Reason.ERASED
    delivery = Delivery.objects.get(pk=delivery.pk)
    assert (delivery.email, delivery.subscriber_id) == ("", None)
    assert Delivery.objects.get(pk=other.pk).email == other.email
    entries = ModelLogEntry.objects.filter(content_type=content_type, object_id=str(pk))
    assert {entry.action for entry in entries} == {"wagtail.edit", "network.erase"}
    assert not any(address in entry.label for entry in entries)
    assert entries.get(action="network.erase").user == admin_user


def test_erase_keeps_an_earlier_suppression_reason(subscriber):
    Suppression.objects.create(email_hash=subscriber.email_hash, reason=Suppression.Reason.BOUNCED)
    gdpr.erase(subscriber)
    assert Suppression.objects.get().reason == Suppression.Reason.BOUNCED


def test_purge_removes_only_stale_unconfirmed_signups():
    now = timezone.now()
    old = now - timedelta(days=31)
    stale = SubscriptionFactory(subscriber=SubscriberFactory(confirmed_at=None, consent_at=old), confirmed_at=None)
    Subscriber.objects.filter(pk=stale.subscriber.pk).update(created_at=old)
    renewed = SubscriberFactory(confirmed_at=None, consent_at=now - timedelta(days=2))
    Subscriber.objects.filter(pk=renewed.pk).update(created_at=old)
    fresh = SubscriberFactory(confirmed_at=None, consent_at=now - timedelta(days=29))
    confirmed = SubscriberFactory(confirmed_at=old, consent_at=old)
    Subscriber.objects.filter(pk=confirmed.pk).update(created_at=old)

    assert gdpr.purge_unconfirmed() == 1
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {renewed.pk, fresh.pk, confirmed.pk}
    assert not Subscription.objects.filter(pk=stale.pk).exists()
    assert gdpr.purge_unconfirmed() == 0


def test_purge_task_is_scheduled_daily_and_found_by_autodiscovery(settings, eager_celery):
    entry = settings.CELERY_BEAT_SCHEDULE["network-purge-unconfirmed"]
    assert entry["task"] == "network.gdpr.purge_unconfirmed_task"
    assert not hasattr(settings, "CELERY_IMPORTS")
    app.loader.import_default_modules()
    assert app.tasks[entry["task"]].run.__module__ == "network.tasks"
    assert tasks.purge_unconfirmed_task.delay().get() == 0
