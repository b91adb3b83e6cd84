"""Wagtail's workflow notifications about a release reach the board and the coordinator in Swedish."""

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Task

from press.models import PressRelease
from tests.press.conftest import admin_url, approve_url, release_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

TITLE = "Nytt projekt för unga vuxna"


def submit(client, coordinator):
    client.force_login(coordinator)
    client.post(admin_url("add"), release_form_data())
    release = PressRelease.objects.get(slug="nytt-projekt-for-unga-vuxna")
    mail.outbox.clear()
    response = client.post(admin_url("edit", release.pk), release_form_data(release, action="submit"))
    assert response.status_code == 302
    return release


def decide(client, board_member, release, action):
    mail.outbox.clear()
    client.force_login(board_member)
    response = client.post(approve_url(release, action), {"comment": "Rubriken måste bli tydligare."})
    assert response.status_code == 302


def assert_swedish(message, subject):
    assert message.subject == subject
    body = message.body + "".join(content for content, _ in message.alternatives)
    assert "has been" not in body and "You can" not in body, body


def test_submitting_a_release_tells_the_board_in_swedish(client, coordinator, board_member, press_room):
    submit(client, coordinator)
    (message,) = [m for m in mail.outbox if board_member.email in m.to]
    assert_swedish(
        message, f'Pressmeddelande "{TITLE}" har lämnats in för godkännande i moderationsstadiet "Styrelsebeslut"'
    )
    assert f'Pressmeddelande "{TITLE}" har lämnats in för godkännande' in message.body


def test_the_boards_email_links_to_the_submitted_release(client, coordinator, board_member, press_room, settings):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True  # off by default; covers the HTML template too
    release = submit(client, coordinator)
    release.refresh_from_db()
    preview_path = admin_url("workflow_preview", release.pk, release.current_workflow_task.pk)
    review_path = admin_url("edit", release.pk)
    (message,) = [m for m in mail.outbox if board_member.email in m.to]
    ((html, _),) = message.alternatives
    for part in (message.body, html):
        assert settings.WAGTAILADMIN_BASE_URL + preview_path in part, part
        assert settings.WAGTAILADMIN_BASE_URL + review_path in part, part
    assert "Du kan granska pressmeddelande och godkänna eller begära ändringar här:" in message.body

    client.force_login(board_member)
    preview = client.get(preview_path)
    assert preview.status_code == 200
    assert TITLE in preview.content.decode()
    review = client.get(review_path)
    assert review.status_code == 200
    assert "Godkänn" in review.content.decode()


@pytest.mark.parametrize("extension", ["html", "txt"])
def test_page_notifications_keep_wagtails_links(home_page, board_member, extension):
    task = Task.objects.get(name="Styrelsebeslut")
    context = {"page": home_page, "object": home_page, "task": task, "user": board_member, "model_name": "sida"}
    body = render_to_string(f"wagtailadmin/notifications/task_state_submitted.{extension}", context)
    assert reverse("wagtailadmin_pages:workflow_preview", args=[home_page.pk, task.pk]) in body
    assert reverse("wagtailadmin_pages:edit", args=[home_page.pk]) in body


@pytest.mark.parametrize(
    ("action", "subject"),
    [
        ("approve", f'Pressmeddelande "{TITLE}" har godkänts i "Styrelsens godkännande".'),
        ("reject", f'Pressmeddelande "{TITLE}" har avvisats i "Styrelsens godkännande".'),
    ],
)
def test_the_boards_decision_reaches_the_coordinator_in_swedish(
    client, coordinator, board_member, press_room, action, subject
):
    release = submit(client, coordinator)
    decide(client, board_member, release, action)
    (message,) = [m for m in mail.outbox if coordinator.email in m.to]
    assert_swedish(message, subject)
