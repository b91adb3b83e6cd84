"""The board's approval through the real stack: PostgreSQL, Redis and a separate Celery worker."""

import time
from email import message_from_bytes

import pytest

from tests.press.conftest import approve_url
from tests.press.factories import PressReleaseFactory, subscribe


@pytest.fixture
def worker_mail_dir(tmp_path, monkeypatch):
    """Where the worker process writes its emails (file backend), set before the worker starts."""
    monkeypatch.setenv("EMAIL_FILE_PATH", str(tmp_path))
    return tmp_path


def read_messages(directory, expected, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = []
        for path in sorted(directory.glob("*.log")):
            raw = path.read_bytes()
            messages += [message_from_bytes(part) for part in raw.split(b"-" * 79 + b"\n") if part.strip()]
        if len(messages) >= expected:
            return messages
        time.sleep(0.5)
    return messages


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_approval_mails_each_subscriber_once_through_a_real_worker(
    worker_mail_dir, celery_worker, client, coordinator, board_member, press_room
):
    for email, lists in [("a@example.org", ["media"]), ("b@example.org", ["natverket", "media"])]:
        subscribe(email, *lists)
    release = PressReleaseFactory(title="Nytt projekt beviljat")
    release.save_revision(user=coordinator)
    release.get_workflow().start(release, coordinator)

    client.force_login(board_member)
    assert client.post(approve_url(release), {"comment": ""}).status_code == 302

    messages = read_messages(worker_mail_dir, expected=2)
    press = [m for m in messages if "Pressmeddelande" in str(m["Subject"] or "")]
    assert sorted(m["To"] for m in press) == ["a@example.org", "b@example.org"], "each subscriber once"
    assert "bildades i maj 2005" in press[0].get_payload(0).get_payload(decode=True).decode()
