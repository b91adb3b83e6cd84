"""Wagtail's workflow notifications about a release reach the board and the coordinator in Swedish."""

import pytest
from django.core import mail

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
