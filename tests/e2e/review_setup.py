"""Server-side helper of the board's browser tests: releases put in review, and removed afterwards.

Run through ``manage.py shell`` in the browser tests' server environment (see
test_e2e_board_approval.py), so the releases are the server's own.
"""

from datetime import timedelta

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from home.models import Person
from network.api import recipient_count
from network.models import MailingList
from press.models import PressRelease, PressReleaseContact


def submit(title, slug, embargo_days=None):
    """A release on media + natverket submitted to the board by the demo coordinator."""
    coordinator = User.objects.get(username="samordnare")
    release = PressRelease(title=title, slug=slug, lead="Styrelsen har beslutat om ett nytt projekt.")
    if embargo_days is not None:
        release.go_live_at = timezone.now() + timedelta(days=embargo_days)
    release.save()
    release.distribution.set(MailingList.objects.filter(slug__in=["media", "natverket"]))
    PressReleaseContact.objects.create(release=release, person=Person.objects.first())
    release.save_revision(user=coordinator)
    release.get_workflow().start(release, coordinator)
    return {
        "pk": release.pk,
        "edit": reverse(release.snippet_viewset.get_url_name("edit"), args=[release.pk]),
        "recipients": recipient_count(["media", "natverket"]),
        "lists": sorted(MailingList.objects.filter(slug__in=["media", "natverket"]).values_list("name", flat=True)),
    }


def clean(pks):
    for release in PressRelease.objects.filter(pk__in=pks):
        release.delete()
