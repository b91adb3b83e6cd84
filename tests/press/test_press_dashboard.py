"""The dashboard's "Väntar på mig" panel: what waits for the board member and for the coordinator."""

import re

import pytest
from django.urls import reverse

from press.models import BoardDecisionTask
from tests.press.conftest import admin_url
from tests.press.factories import PressReleaseFactory

pytestmark = pytest.mark.django_db


def waiting(client, user):
    """Title -> link of each list of the panel, e.g. {"to_approve": {"Titel": "/admin/..."}}."""
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = re.search(r"<section[^>]*data-press-waiting>(.*?)</section>", html, re.S)
    assert panel, "the dashboard has no Väntar på mig panel"
    lists = re.findall(r'<ul data-waiting="(\w+)">(.*?)</ul>', panel.group(1), re.S)
    return {
        name: {title: url for url, title in re.findall(r'<a href="([^"]+)">([^<]+)</a>', items)}
        for name, items in lists
    }, panel.group(1)


def submitted(coordinator, title):
    release = PressReleaseFactory(title=title)
    release.save_revision(user=coordinator)
    release.get_workflow().start(release, coordinator)
    release.refresh_from_db()
    return release


def test_the_board_member_sees_the_releases_awaiting_their_approval(client, coordinator, board_member, press_room):
    task = BoardDecisionTask.objects.get(name="Styrelsebeslut")
    task.required_approvals = 2
    task.save()
    release = submitted(coordinator, "Nytt projekt för unga")
    PressReleaseFactory(title="Samordnarens utkast").save_revision(user=coordinator)

    lists, _html = waiting(client, board_member)
    assert lists == {"to_approve": {"Nytt projekt för unga": admin_url("edit", release.pk)}}

    task.on_action(release.current_workflow_task_state, board_member, "approve", comment="")
    lists, html = waiting(client, board_member)
    assert lists == {}, "a release this member has approved still waits for them"
    assert "Inget väntar på dig just nu." in html


def test_the_coordinator_sees_sent_back_releases_with_the_comment_those_in_review_and_drafts(
    client, coordinator, board_member, admin_user, press_room
):
    sent_back = submitted(coordinator, "Fel datum")
    task = sent_back.current_workflow_task_state.task.specific
    task.on_action(sent_back.current_workflow_task_state, board_member, "reject", comment="Rätta datumet i ingressen.")
    in_review = submitted(coordinator, "Hos styrelsen")
    draft = PressReleaseFactory(title="Mitt utkast")
    draft.save_revision(user=coordinator)
    PressReleaseFactory(title="Någon annans utkast").save_revision(user=admin_user)

    lists, html = waiting(client, coordinator)

    assert lists == {
        "sent_back": {"Fel datum": admin_url("edit", sent_back.pk)},
        "in_review": {"Hos styrelsen": admin_url("edit", in_review.pk)},
        "drafts": {"Mitt utkast": admin_url("edit", draft.pk)},
    }
    assert "Stina: ”Rätta datumet i ingressen.”" in html
