"""Who may do what with a press release: (anonymous, coordinator, board, admin) x every action.

Each cell performs the action through the admin's URLs (direct GETs and POSTs,
not only the buttons shown) and judges it by its effect on the database or by
the content served, so a denial that still changed something is a violation.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, reverse

from network.models import Mailing
from press.models import PressRelease
from tests.press.conftest import admin_url, approve_url, is_denied, release_form_data
from tests.press.factories import PressReleaseFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "coordinator", "board", "admin"]
EXPECTED = {
    # action: roles allowed
    "view_draft": {"coordinator", "board", "admin"},
    "preview": {"coordinator", "board", "admin"},
    "edit": {"coordinator", "admin"},
    "submit": {"coordinator", "admin"},
    "approve": {"board", "admin"},
    "reject": {"board", "admin"},
    "publish": {"admin"},
    "unpublish": {"board", "admin"},
    "delete": {"admin"},
    "bulk_delete": {"admin"},
    "view_history": {"coordinator", "board", "admin"},
    "api_drafts": set(),
}


def draft():
    release = PressReleaseFactory(title="Hemligt utkast")
    release.save_revision()
    return release


def in_review(coordinator):
    release = draft()
    release.get_workflow().start(release, coordinator)
    release.refresh_from_db()
    return release


def live(admin_user):
    release = draft()
    release.get_latest_revision().publish(user=admin_user)
    release.refresh_from_db()
    return release


def reload(release):
    return PressRelease.objects.filter(pk=release.pk).first()


def act(action, client, people):
    """Attempt ``action``; return True if it took effect (or the content was served)."""
    coordinator, admin_user = people["coordinator"], people["admin"]
    if action == "view_draft":
        release = in_review(coordinator)
        assert client.get(f"/press/{release.slug}/").status_code == 404, "a draft is never public"
        response = client.get(admin_url("edit", release.pk))
        return response.status_code == 200 and "Hemligt utkast" in response.content.decode()
    if action == "preview":
        release = in_review(coordinator)
        client.post(admin_url("preview_on_edit", release.pk), release_form_data(release, lead="Förhandsvisad ingress"))
        shown = []
        for mode in ("", "email_html", "email_text"):
            response = client.get(admin_url("preview_on_edit", release.pk) + f"?mode={mode}")
            shown.append(response.status_code == 200 and "Förhandsvisad ingress" in response.content.decode())
        assert len(set(shown)) == 1, f"all preview modes or none: {shown}"
        return shown[0]
    if action == "edit":
        release = draft()
        client.post(admin_url("edit", release.pk), release_form_data(release, lead="Ändrad ingress"))
        return reload(release).get_latest_revision_as_object().lead == "Ändrad ingress"
    if action == "submit":
        release = draft()
        client.post(admin_url("edit", release.pk), release_form_data(release, action="submit"))
        return reload(release).workflow_in_progress
    if action in ("approve", "reject"):
        release = in_review(coordinator)
        client.post(approve_url(release, action), {"comment": "Kommentar"})
        state = reload(release).workflow_states.order_by("-pk").first()
        return state.status == ("approved" if action == "approve" else "needs_changes")
    if action == "publish":
        release = draft()
        client.post(admin_url("edit", release.pk), release_form_data(release, action="publish"))
        return reload(release).live or Mailing.objects.filter(object_id=str(release.pk)).exists()
    if action == "unpublish":
        release = live(admin_user)
        client.get(admin_url("unpublish", release.pk))
        client.post(admin_url("unpublish", release.pk))
        return not reload(release).live
    if action == "delete":
        release = live(admin_user)
        client.post(admin_url("delete", release.pk))
        return reload(release) is None
    if action == "bulk_delete":
        release = live(admin_user)
        url = reverse("wagtail_bulk_action", args=["press", "pressrelease", "delete"])
        client.post(f"{url}?id={release.pk}", {})
        return reload(release) is None
    if action == "view_history":
        release = in_review(coordinator)
        response = client.get(admin_url("history", release.pk))
        return response.status_code == 200
    if action == "api_drafts":
        release = in_review(coordinator)
        try:
            url = reverse("wagtailapi:press-releases:listing")
        except NoReverseMatch:
            url = "/api/v2/press-releases/"
        response = client.get(url)
        if response.status_code == 404:
            pytest.skip("the /api/v2/press-releases/ endpoint is not on main yet (built by the API helper)")
        body = response.content.decode()
        detail = client.get(f"{url}{release.pk}/")
        return release.slug in body or detail.status_code == 200
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, role, coordinator, board_member, admin_user, press_room):
    people = {"coordinator": coordinator, "board": board_member, "admin": admin_user}
    user = people.get(role, AnonymousUser())
    violations = []
    for action, allowed_roles in EXPECTED.items():
        if action == "api_drafts":
            continue
        client.logout()
        if role != "anonymous":
            client.force_login(user)
        took_effect = act(action, client, people)
        if took_effect != (role in allowed_roles):
            violations.append(f"{role} {action}: {'allowed' if took_effect else 'denied'}")
    assert violations == []


@pytest.mark.parametrize("role", ROLES)
def test_api_never_lists_drafts(client, role, coordinator, board_member, admin_user, press_room):
    people = {"coordinator": coordinator, "board": board_member, "admin": admin_user}
    if role != "anonymous":
        client.force_login(people[role])
    assert act("api_drafts", client, people) is False


def test_coordinator_cannot_publish_by_any_route(client, coordinator, admin_user, press_room):
    """Every door a coordinator could try, with the responses checked as well as the effect."""
    client.force_login(coordinator)
    release = in_review(coordinator)
    assert is_denied(client.get(approve_url(release, "approve")))
    assert is_denied(client.post(approve_url(release, "approve"), {"comment": ""}))
    workflow_state = release.current_workflow_state
    response = client.post(
        admin_url("edit", release.pk),
        {**release_form_data(release), "action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    assert response.status_code in (200, 302)
    workflow_state.refresh_from_db()
    assert workflow_state.status == "in_progress"

    scheduled = draft()
    assert is_denied(client.post(admin_url("unpublish", live(admin_user).pk)))
    revision = scheduled.get_latest_revision()
    assert is_denied(client.post(admin_url("revisions_unschedule", scheduled.pk, revision.pk)))
    assert is_denied(client.post(admin_url("resend", live(admin_user).pk)))
    assert not PressRelease.objects.filter(pk__in=[release.pk, scheduled.pk], live=True).exists()


def test_admin_listing_shows_status_workflow_embargo_and_lists(
    client, coordinator, board_member, admin_user, press_room
):
    reviewed = in_review(coordinator)
    published = live(admin_user)
    for user in (coordinator, board_member):
        client.force_login(user)
        response = client.get(admin_url("list"))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Embargo till" in body and "Sändlistor" in body and "Media (sändlista), Nätverket" in body
        assert "Styrelsebeslut" in body
    drafts_only = client.get(admin_url("list") + "?live=false").content.decode()
    assert reviewed.title in drafts_only
    client.force_login(admin_user)
    editor = client.get(admin_url("edit", published.pk)).content.decode()
    assert "Skicka igen" in editor and "Mottagare" in editor
