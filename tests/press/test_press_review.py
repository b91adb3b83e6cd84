"""A release under review is published only by the board's approvals (or a superuser's logged override).

Every Wagtail action URL and edit-form action of the release snippet is tried by
each role on a release the board is reviewing (two approvals required), and
judged by its effect on the database, not by the response alone.
"""

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import TaskState, WorkflowState

from press.models import BoardApproval, BoardDecisionTask, PressRelease
from tests.press.conftest import admin_url, approve_url, release_form_data
from tests.press.factories import PressReleaseFactory

pytestmark = pytest.mark.django_db

ROLES = ["coordinator", "board", "admin"]


@pytest.fixture
def two_approvals(db):
    task = BoardDecisionTask.objects.get(name="Styrelsebeslut")
    task.required_approvals = 2
    task.save()
    return task


def in_review(coordinator, live=False, admin_user=None):
    release = PressReleaseFactory(title="Under granskning")
    release.save_revision(user=coordinator)
    if live:
        release.get_latest_revision().publish(user=admin_user)
        release.refresh_from_db()
        release.lead = "Ny version för styrelsen."
        release.save_revision(user=coordinator)
    release.get_workflow().start(release, coordinator)
    release.refresh_from_db()
    return release


def reload(release):
    return PressRelease.objects.filter(pk=release.pk).first()


def workflow_in_progress(release):
    return WorkflowState.objects.filter(
        base_content_type__model="pressrelease", object_id=str(release.pk), status="in_progress"
    ).exists()


def edit(client, release, action=None, **fields):
    data = release_form_data(release, lead=fields.pop("lead", "Ändrad av granskaren."), **fields)
    if action:
        data[f"action-{action}"] = "1"
    return client.post(admin_url("edit", release.pk), data)


def edited(release):
    return reload(release).get_latest_revision_as_object().lead == "Ändrad av granskaren."


def act(action, client, people):
    """Attempt ``action`` on a release in review; return True if it took effect."""
    coordinator, admin_user = people["coordinator"], people["admin"]
    release = in_review(coordinator)
    user = client.session and User.objects.get(pk=client.session["_auth_user_id"])
    if action == "edit_save":
        edit(client, release)
        return edited(release)
    if action == "edit_publish":
        edit(client, release, "publish")
        return reload(release).live or edited(release)
    if action == "edit_cancel_workflow":
        edit(client, release, "cancel-workflow")
        return not workflow_in_progress(release)
    if action == "edit_restart_workflow":
        before = WorkflowState.objects.count()
        edit(client, release, "restart-workflow")
        return WorkflowState.objects.count() != before
    if action == "edit_submit":
        before = WorkflowState.objects.count()
        edit(client, release, "submit")
        return WorkflowState.objects.count() != before
    if action == "edit_workflow_action":
        data = release_form_data(release, lead="Ändrad av granskaren.")
        data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
        client.post(admin_url("edit", release.pk), data)
        return BoardApproval.objects.filter(user=user).exists() or edited(release)
    if action == "edit_unpublish":
        release = in_review(coordinator, live=True, admin_user=admin_user)
        edit(client, release, "unpublish")
        return not reload(release).live
    if action in ("revert_save", "revert_publish"):
        first = release.revisions.order_by("pk").first()
        data = release_form_data(release, lead="Ändrad av granskaren.")
        if action == "revert_publish":
            data["action-publish"] = "1"
        client.post(admin_url("revisions_revert", release.pk, first.pk), data)
        return reload(release).live or edited(release)
    if action == "autosave":
        data = release_form_data(release, lead="Ändrad av granskaren.")
        client.post(admin_url("edit", release.pk), data, headers={"Accept": "application/json"})
        return edited(release)
    if action == "unpublish_url":
        release = in_review(coordinator, live=True, admin_user=admin_user)
        client.post(admin_url("unpublish", release.pk))
        return not reload(release).live
    if action == "delete":
        client.post(admin_url("delete", release.pk))
        return reload(release) is None
    if action == "lock":
        client.post(admin_url("lock", release.pk))
        return reload(release).locked
    if action == "unlock":
        PressRelease.objects.filter(pk=release.pk).update(locked=True, locked_by=admin_user)
        client.post(admin_url("unlock", release.pk))
        return not reload(release).locked
    if action in ("workflow_approve", "workflow_reject"):
        name = action.removeprefix("workflow_")
        url = approve_url(release, name)
        task_state = release.current_workflow_task_state
        client.post(url, {"comment": "Synpunkt"})
        task_state.refresh_from_db()
        return BoardApproval.objects.filter(user=user).exists() or task_state.status == "rejected"
    if action == "collect_workflow_action_data":
        task_state = release.current_workflow_task_state
        client.post(admin_url("collect_workflow_action_data", release.pk, "approve", task_state.pk), {"comment": ""})
        return BoardApproval.objects.filter(task_state=task_state).exists() or not workflow_in_progress(release)
    raise AssertionError(action)


# action: roles for which it takes effect while the release is in review
EXPECTED = {
    "edit_save": {"admin"},
    "edit_publish": {"admin"},
    "edit_cancel_workflow": {"admin"},
    # Wagtail offers restart and submit only when no workflow is in progress, to no one.
    "edit_restart_workflow": set(),
    "edit_submit": set(),
    "edit_workflow_action": {"admin"},
    "edit_unpublish": set(),  # not an edit-form action; unpublishing has its own view
    "revert_save": {"admin"},
    "revert_publish": {"admin"},
    "autosave": {"admin"},
    # Taking a live release down is the board's (DESIGN.md); it never publishes.
    "unpublish_url": {"board", "admin"},
    "delete": {"admin"},
    "lock": {"admin"},
    "unlock": {"admin"},
    "workflow_approve": {"board", "admin"},
    "workflow_reject": {"board", "admin"},
    "collect_workflow_action_data": set(),
}


@pytest.mark.parametrize("role", ROLES)
def test_review_matrix(client, role, coordinator, board_member, admin_user, press_room, two_approvals):
    people = {"coordinator": coordinator, "board": board_member, "admin": admin_user}
    violations = []
    for action, allowed in EXPECTED.items():
        client.force_login(people[role])
        took_effect = act(action, client, people)
        if took_effect != (role in allowed):
            violations.append(f"{role} {action}: {'took effect' if took_effect else 'refused'}")
    assert violations == []


CONTROLS = ['name="action-publish"', 'name="action-cancel-workflow"', 'data-w-kbd-key-value="mod+s"']


@pytest.mark.parametrize("role", ROLES)
def test_only_a_superuser_sees_publish_cancel_and_edit_controls_in_review(
    client, role, coordinator, board_member, admin_user, press_room, two_approvals
):
    people = {"coordinator": coordinator, "board": board_member, "admin": admin_user}
    release = in_review(coordinator)
    client.force_login(people[role])
    page = client.get(admin_url("edit", release.pk)).content.decode()
    shown = [control for control in CONTROLS if control in page]
    assert shown == (CONTROLS if role == "admin" else [])
    if role == "board":
        assert "data-press-workflow-action-url" in page and "Godkänn" in page and "Begär ändringar" in page
    if role == "coordinator":
        assert "data-press-workflow-action-url" not in page


def test_a_superusers_override_is_logged_and_a_normal_approval_is_not(
    client, coordinator, board_member, admin_user, press_room, two_approvals
):
    from wagtail.models import ModelLogEntry

    overridden = in_review(coordinator)
    client.force_login(admin_user)
    assert edit(client, overridden, "publish").status_code == 302
    assert reload(overridden).live
    entry = ModelLogEntry.objects.get(action="press.board_override", object_id=str(overridden.pk))
    assert entry.user == admin_user and entry.data == {"action": "publish"}

    cancelled = in_review(coordinator)
    edit(client, cancelled, "cancel-workflow")
    assert ModelLogEntry.objects.filter(action="press.board_override", object_id=str(cancelled.pk)).count() == 1

    approved = in_review(coordinator)
    client.force_login(board_member)
    client.post(approve_url(approved), {"comment": ""})
    assert not ModelLogEntry.objects.filter(action="press.board_override", object_id=str(approved.pk)).exists()


def test_a_board_member_cannot_approve_their_own_edit(client, coordinator, board_member, press_room, two_approvals):
    """The board approves the revision it was given: an edit posted with the approval is refused entirely."""
    release = in_review(coordinator)
    reviewed = release.current_workflow_task_state.revision_id
    client.force_login(board_member)
    data = release_form_data(release, lead="Styrelsens egen text.")
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    client.post(admin_url("edit", release.pk), data)
    release.refresh_from_db()
    assert release.latest_revision_id == reviewed
    assert not BoardApproval.objects.exists()


def second_member(name="ledamot-2"):
    user = User.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name="Styrelse"))
    return user


def test_approvals_from_stale_task_states_publish_exactly_once(
    coordinator, board_member, press_room, two_approvals, django_capture_on_commit_callbacks
):
    """The serialised logic: each approver holds a task state read before the others approved
    (as two requests do), and a late third approval after publication changes nothing."""
    from network.models import Mailing

    release = in_review(coordinator)
    members = [board_member, second_member(), second_member("ledamot-3")]
    stale = [TaskState.objects.get(pk=release.current_workflow_task_state.pk) for _ in members]
    with django_capture_on_commit_callbacks(execute=True):
        for member, task_state in zip(members, stale, strict=True):
            two_approvals.on_action(task_state, member, "approve", comment="")
    release.refresh_from_db()
    assert release.live
    assert BoardApproval.objects.count() == 2, "the late approval found the task finished"
    assert TaskState.objects.get(pk=stale[0].pk).status == "approved"
    assert Mailing.objects.filter(object_id=str(release.pk)).count() == 1


def test_a_rejection_after_publication_changes_nothing(coordinator, board_member, press_room):
    release = in_review(coordinator)
    task = release.current_workflow_task
    stale = TaskState.objects.get(pk=release.current_workflow_task_state.pk)
    task.on_action(TaskState.objects.get(pk=stale.pk), second_member(), "approve", comment="")
    task.on_action(stale, board_member, "reject", comment="För sent")
    assert TaskState.objects.get(pk=stale.pk).status == "approved"
    assert reload(release).live
