"""The roles and the board's workflow exist on every fresh database, with least privilege.

pytest-django builds the test database by running every migration on an empty
database, so these tests see exactly what a fresh install gets.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    AbstractGroupApprovalTask,
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

from home.roles import BOARD, COORDINATOR, WORKFLOW_NAME

pytestmark = pytest.mark.django_db

READ_ONLY_PREFIXES = ("view_", "access_", "choose_")
# Apps whose models the board may change: it reviews and publishes press releases.
BOARD_WRITABLE_APPS = {"press"}
# Single permissions beyond them: the board records its decisions on funding applications (DESIGN.md).
BOARD_WRITABLE_PERMISSIONS = {"applications.add_decision"}


def test_both_groups_exist_after_migrate():
    assert set(Group.objects.filter(name__in=[COORDINATOR, BOARD]).values_list("name", flat=True)) == {
        COORDINATOR,
        BOARD,
    }


def test_the_board_workflow_has_one_group_approval_task_for_the_board():
    # home creates a plain group approval task; the press plugin may replace it
    # with its own kind of group approval task (a quorum of board members).
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert workflow.active
    tasks = [task.specific for task in workflow.tasks if task.active]
    assert len(tasks) == 1
    assert isinstance(tasks[0], AbstractGroupApprovalTask)
    assert tasks[0].active
    assert list(tasks[0].groups.values_list("name", flat=True)) == [BOARD]


def test_pages_are_not_held_by_a_default_moderation_workflow():
    root = Page.objects.get(depth=1)
    assert not WorkflowPage.objects.filter(page=root).exists()


def test_coordinator_may_edit_and_publish_pages(home_page, coordinator):
    permissions = home_page.permissions_for_user(coordinator)
    assert permissions.can_edit()
    assert permissions.can_add_subpage()
    assert permissions.can_publish()
    assert permissions.can_lock()


def test_board_may_neither_add_nor_change_nor_publish_pages(home_page, board_member):
    permissions = home_page.permissions_for_user(board_member)
    assert not permissions.can_edit()
    assert not permissions.can_add_subpage()
    assert not permissions.can_publish()
    assert not permissions.can_delete()
    assert not GroupPagePermission.objects.filter(group__name=BOARD).exists()


def test_board_model_permissions_are_read_only_outside_press_review():
    writable = [
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.filter(group__name=BOARD).select_related("content_type")
        if not p.codename.startswith(READ_ONLY_PREFIXES) and p.content_type.app_label not in BOARD_WRITABLE_APPS
    ]
    writable = [codename for codename in writable if codename not in BOARD_WRITABLE_PERMISSIONS]
    assert writable == []


def test_no_role_may_administer_users_groups_or_workflows():
    forbidden = Permission.objects.filter(
        group__name__in=[COORDINATOR, BOARD],
        content_type__app_label__in=["auth", "wagtailusers"],
    ).exclude(codename__startswith="view_")
    assert list(forbidden.values_list("codename", flat=True)) == []
    assert not Permission.objects.filter(
        group__name__in=[COORDINATOR, BOARD], codename__in=["add_workflow", "change_workflow", "add_task"]
    ).exists()


def test_coordinator_may_not_publish_or_approve_press_releases(coordinator):
    assert not coordinator.has_perm("press.publish_pressrelease")
    assert not GroupApprovalTask.objects.filter(groups__name=COORDINATOR).exists()
    for task in Workflow.objects.get(name=WORKFLOW_NAME).tasks:
        assert not task.specific.groups.filter(name=COORDINATOR).exists()


def test_both_roles_reach_the_admin(client, coordinator, board_member):
    for user in (coordinator, board_member):
        client.force_login(user)
        assert client.get("/admin/").status_code == 200


def test_the_board_is_turned_away_from_the_page_editor(client, home_page, coordinator, board_member):
    edit_url = f"/admin/pages/{home_page.pk}/edit/"
    client.force_login(coordinator)
    assert client.get(edit_url).status_code == 200
    client.force_login(board_member)
    response = client.get(edit_url)
    assert response.status_code in (302, 403)
    add_url = f"/admin/pages/add/home/standardpage/{home_page.pk}/"
    assert client.get(add_url).status_code in (302, 403)
    assert client.post(add_url, {"title": "x", "slug": "x"}).status_code in (302, 403)
    assert not home_page.get_children().filter(slug="x").exists()
