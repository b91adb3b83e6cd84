"""The whole journey through the admin: the coordinator drafts and submits, the board decides."""

import pytest
from django.core import mail

from home.models import OrganisationSettings
from network.models import Mailing
from press.models import PressRelease
from tests.press.conftest import admin_url, approve_url, is_denied, press_emails, release_form_data
from tests.press.factories import subscribe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def subscribers(db):
    """Three confirmed people on media/natverket (one on both), plus people who must not be mailed."""
    return {
        "media": subscribe("redaktion@example.org", "media"),
        "natverket": subscribe("handlaggare@example.org", "natverket"),
        "both": subscribe("journalist@example.org", "media", "natverket"),
        "unconfirmed": subscribe("obekraftad@example.org", "media", confirmed=False),
        "other_list": subscribe("lsg@example.org", "lsg"),
    }


def test_coordinator_drafts_submits_board_approves_release_goes_out_once(
    client, coordinator, board_member, press_room, subscribers, django_capture_on_commit_callbacks
):
    fact_box = OrganisationSettings.for_site(press_room.get_site()).fact_box
    client.force_login(coordinator)

    response = client.post(admin_url("add"), release_form_data())
    assert response.status_code == 302
    release = PressRelease.objects.get(slug="nytt-projekt-for-unga-vuxna")
    assert not release.live
    assert set(release.distribution_slugs) == {"media", "natverket"}

    mail.outbox.clear()
    response = client.post(admin_url("edit", release.pk), release_form_data(release, action="submit"))
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.current_workflow_state.status == "in_progress"
    assert not release.live
    submitted = [m for m in mail.outbox if board_member.email in m.to]
    assert len(submitted) == 1, "the board is told a release waits for approval"
    assert release.title in submitted[0].subject + submitted[0].body

    mail.outbox.clear()
    client.force_login(board_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url(release), {"comment": ""})
    assert response.status_code == 302

    release.refresh_from_db()
    assert release.live
    assert release.fact_box == fact_box
    assert release.fact_box_frozen_at is not None
    assert any(coordinator.email in m.to for m in mail.outbox), "the coordinator hears of the approval"

    assert Mailing.objects.filter(object_id=str(release.pk)).count() == 1
    recipients = sorted(address for message in press_emails() for address in message.to)
    assert recipients == ["handlaggare@example.org", "journalist@example.org", "redaktion@example.org"]
    message = press_emails()[0]
    assert message.subject == f"Pressmeddelande: {release.title}"
    assert "Samordningsförbundet Lycksele" in message.body and "bildades i maj 2005" in message.body
    html = message.alternatives[0][0]
    assert "bildades i maj 2005" in html and f"http://testserver/press/{release.slug}/" in html

    page = client.get(f"/press/{release.slug}/")
    assert page.status_code == 200
    assert "bildades i maj 2005" in page.content.decode()


def test_fact_box_stays_frozen_and_republishing_an_edit_sends_nothing(
    client, admin_user, draft_release, subscribers, django_capture_on_commit_callbacks
):
    settings_obj = OrganisationSettings.for_site(draft_release.press_room.get_site())
    original = settings_obj.fact_box
    with django_capture_on_commit_callbacks(execute=True):
        draft_release.get_latest_revision().publish(user=admin_user)
    assert len(press_emails()) == 3

    settings_obj.fact_box = "<p>En helt ny faktaruta från 2030.</p>"
    settings_obj.save()
    mail.outbox.clear()
    client.force_login(admin_user)
    draft_release.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            admin_url("edit", draft_release.pk), release_form_data(draft_release, action="publish", lead="Ny ingress.")
        )
    assert response.status_code == 302
    draft_release.refresh_from_db()
    assert draft_release.lead == "Ny ingress."
    assert draft_release.fact_box == original
    assert press_emails() == []
    assert Mailing.objects.filter(object_id=str(draft_release.pk)).count() == 1
    body = client.get(f"/press/{draft_release.slug}/").content.decode()
    assert "bildades i maj 2005" in original
    assert "bildades i maj 2005" in body and "2030" not in body


def test_unpublish_sends_nothing_and_republish_does_not_resend(
    client, admin_user, draft_release, subscribers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft_release.get_latest_revision().publish(user=admin_user)
    mail.outbox.clear()
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_url("unpublish", draft_release.pk))
    assert response.status_code == 302
    draft_release.refresh_from_db()
    assert not draft_release.live
    assert client.get(f"/press/{draft_release.slug}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        draft_release.save_revision().publish(user=admin_user)
    assert press_emails() == []
    assert Mailing.objects.filter(object_id=str(draft_release.pk)).count() == 1


def test_explicit_resend_after_confirmation_by_board(
    client, board_member, coordinator, admin_user, draft_release, subscribers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft_release.get_latest_revision().publish(user=admin_user)
    mail.outbox.clear()
    url = admin_url("resend", draft_release.pk)

    client.force_login(coordinator)
    assert is_denied(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        assert is_denied(client.post(url))
    assert press_emails() == []

    client.force_login(board_member)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Ja, skicka igen" in confirm.content.decode()
    assert press_emails() == []
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert len(press_emails()) == 3
    assert list(Mailing.objects.filter(object_id=str(draft_release.pk)).values_list("sequence", flat=True)) == [1, 0]


def test_resend_is_refused_before_publication_and_when_it_would_reach_nobody(
    client, board_member, admin_user, draft_release
):
    """The same rule as for news and reports (home.publishing): only live, and an explicit resend must reach someone."""
    url = admin_url("resend", draft_release.pk)
    client.force_login(board_member)
    refused = client.post(url, follow=True)
    assert refused.redirect_chain == [("/admin/", 302)]
    assert "Bara publicerat innehåll kan skickas igen." in refused.content.decode()
    assert not Mailing.objects.exists()

    draft_release.get_latest_revision().publish(user=admin_user)
    confirm = client.get(url).content.decode()
    assert "media, natverket" in confirm and "Tidigare utskick" in confirm
    refused = client.post(url, follow=True)
    assert refused.redirect_chain[0] == (admin_url("edit", draft_release.pk), 302)
    assert "ingen bekräftad mottagare" in refused.content.decode()
    assert Mailing.objects.filter(object_id=str(draft_release.pk)).count() == 1


def test_rejection_with_comment_reaches_the_coordinator(client, coordinator, board_member, press_room):
    client.force_login(coordinator)
    client.post(admin_url("add"), release_form_data(action="submit"))
    release = PressRelease.objects.get(slug="nytt-projekt-for-unga-vuxna")
    mail.outbox.clear()

    client.force_login(board_member)
    response = client.post(approve_url(release, "reject"), {"comment": "Rubriken måste bli tydligare."})
    assert response.status_code == 302
    release.refresh_from_db()
    assert not release.live
    assert release.current_workflow_state.status == "needs_changes"
    rejection = [m for m in mail.outbox if coordinator.email in m.to]
    assert len(rejection) == 1
    assert "Rubriken måste bli tydligare." in rejection[0].body
    assert not Mailing.objects.exists()

    client.force_login(coordinator)
    edit_page = client.get(admin_url("edit", release.pk)).content.decode()
    assert "Rubriken måste bli tydligare." in edit_page


def test_a_new_release_offers_the_associations_default_lists_already_ticked(client, coordinator, press_room):
    client.force_login(coordinator)
    form = client.get(admin_url("add")).context["form"]
    ticked = {mailing_list.slug for mailing_list in form.initial["distribution"]}
    assert ticked == {"media", "natverket"}
    assert {mailing_list.association_id for mailing_list in form.initial["distribution"]} == {press_room.get_site().pk}
