"""Simultaneous board approvals on PostgreSQL: published exactly once when enough members approved.

Each trial starts one thread per board member; each signs in with a client of its
own (its own database connection) and all post their approval at the same moment
(a barrier). The task state's row lock must make them count each other: without
it, two approvals each saw only their own vote and the release stayed in review.
On SQLite, test_press_review.py proves the same logic with approvals from stale
task states (SQLite serialises writers, so threads cannot race there).
"""

import threading

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from wagtail.models import ModelLogEntry, TaskState

from network.models import Mailing
from press.models import BoardApproval, BoardDecisionTask, PressRelease
from tests.press.conftest import approve_url
from tests.press.factories import PressReleaseFactory

TRIALS = 20


def board(count):
    members = []
    for number in range(count):
        member = User.objects.create_user(f"ledamot-{number}", f"ledamot-{number}@example.org", "pw")
        member.groups.add(Group.objects.get(name="Styrelse"))
        members.append(member)
    return members


def approve_at_once(url, members):
    """Every member posts the approval at the same moment; returns the response codes."""
    clients = []
    for member in members:
        client = Client()
        client.force_login(member)
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    codes = []

    def approve(client):
        try:
            barrier.wait()
            codes.append(client.post(url, {"comment": ""}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return codes


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("approvers", "required"), [(2, 2), (3, 3), (3, 2)])
def test_simultaneous_approvals_publish_exactly_once(approvers, required, coordinator, press_room):
    task = BoardDecisionTask.objects.get(name="Styrelsebeslut")
    task.required_approvals = required
    task.save()
    members = board(approvers)
    outcomes = []
    for trial in range(TRIALS):
        release = PressReleaseFactory(title=f"Samtidigt godkänt {trial}", slug=f"samtidigt-{trial}")
        release.save_revision(user=coordinator)
        release.get_workflow().start(release, coordinator)
        task_state = TaskState.objects.get(pk=PressRelease.objects.get(pk=release.pk).current_workflow_task_state.pk)

        codes = approve_at_once(approve_url(release), members)

        task_state.refresh_from_db()
        release.refresh_from_db()
        outcomes.append(
            {
                "codes": sorted(codes),
                "live": release.live,
                "task": task_state.status,
                "approvals": BoardApproval.objects.filter(task_state=task_state).count(),
                "mailings": Mailing.objects.filter(object_id=str(release.pk)).count(),
                "published": ModelLogEntry.objects.filter(action="wagtail.publish", object_id=str(release.pk)).count(),
            }
        )
    expected = {
        "codes": [302] * approvers,
        "live": True,
        "task": "approved",
        "approvals": required,
        "mailings": 1,
        "published": 1,
    }
    failures = [(trial, outcome) for trial, outcome in enumerate(outcomes) if outcome != expected]
    assert failures == [], f"{len(failures)} of {TRIALS} trials went wrong"
