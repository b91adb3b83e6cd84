"""Publishing rules: embargo (scheduled publishing), the N-approvals task, the fact box requirement."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from home.models import OrganisationSettings
from network.models import Mailing
from press.facts import FactBoxMissingError
from press.models import BoardApproval, BoardDecisionTask
from tests.press.conftest import admin_url, approve_url, is_denied, press_emails, release_form_data
from tests.press.factories import subscribe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def subscribers(db):
    return [subscribe("a@example.org", "media"), subscribe("b@example.org", "natverket", "media")]


def submit(release, user):
    release.save_revision(user=user)
    release.get_workflow().start(release, user)
    release.refresh_from_db()


def test_scheduled_release_sends_at_embargo_time_not_before(
    client, coordinator, board_member, draft_release, subscribers, monkeypatch, django_capture_on_commit_callbacks
):
    """The media get it under embargo at the approval (tests/press/test_press_embargo.py); the network at the time."""
    network_only = subscribe("c@example.org", "natverket")
    embargo = timezone.now() + datetime.timedelta(hours=2)
    draft_release.go_live_at = embargo
    draft_release.save()
    submit(draft_release, coordinator)

    client.force_login(board_member)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(approve_url(draft_release), {"comment": ""}).status_code == 302
    draft_release.refresh_from_db()
    assert not draft_release.live
    assert draft_release.scheduled_revision is not None
    assert draft_release.fact_box, "frozen when the board approved"
    assert list(Mailing.objects.values_list("kind", flat=True)) == ["embargo"], "scheduling must not announce"
    assert network_only.email not in [address for m in mail.outbox for address in m.to]
    assert client.get(f"/press/{draft_release.slug}/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    draft_release.refresh_from_db()
    assert not draft_release.live and Mailing.objects.count() == 1

    later = embargo + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
        call_command("publish_scheduled")
    draft_release.refresh_from_db()
    assert draft_release.live
    assert Mailing.objects.filter(object_id=str(draft_release.pk), kind="").count() == 1
    assert sorted(address for m in press_emails() for address in m.to) == ["c@example.org"], "nobody twice"


def test_board_decision_needs_n_distinct_approvals(
    client, coordinator, board_member, draft_release, subscribers, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group, User

    task = BoardDecisionTask.objects.get(name="Styrelsebeslut")
    task.required_approvals = 2
    task.save()
    second = User.objects.create_user("ledamot-2", "ledamot2@example.org", "pw", first_name="Lars")
    second.groups.add(Group.objects.get(name="Styrelse"))
    submit(draft_release, coordinator)

    client.force_login(board_member)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(approve_url(draft_release), {"comment": "Bra."}).status_code == 302
    draft_release.refresh_from_db()
    assert not draft_release.live
    assert draft_release.current_workflow_task_state.status == "in_progress"
    assert list(BoardApproval.objects.values_list("user__username", flat=True)) == [board_member.username]

    editor = client.get(admin_url("edit", draft_release.pk)).content.decode()
    assert "1 av 2 godkännanden som krävs." in editor and "Stina" in editor

    with django_capture_on_commit_callbacks(execute=True):
        assert is_denied(client.post(approve_url(draft_release), {"comment": ""})), "one vote per member"
    assert BoardApproval.objects.count() == 1
    draft_release.refresh_from_db()
    assert not draft_release.live

    client.force_login(second)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(approve_url(draft_release), {"comment": ""}).status_code == 302
    draft_release.refresh_from_db()
    assert draft_release.live
    assert Mailing.objects.count() == 1 and len(press_emails()) == 2


def test_default_task_is_one_approval_and_in_the_board_workflow(draft_release):
    task = BoardDecisionTask.objects.get(name="Styrelsebeslut")
    assert task.required_approvals == 1
    assert list(task.groups.values_list("name", flat=True)) == ["Styrelse"]
    workflow = draft_release.get_workflow()
    assert workflow.name == "Styrelsens godkännande"
    assert [t.specific for t in workflow.tasks] == [task]


@pytest.fixture
def empty_fact_box(press_room):
    organisation = OrganisationSettings.for_site(press_room.get_site())
    organisation.fact_box = "<p> </p>"
    organisation.save()


def test_empty_fact_box_refuses_publishing_by_every_route(
    client, admin_user, coordinator, board_member, draft_release, empty_fact_box, django_capture_on_commit_callbacks
):
    with pytest.raises(FactBoxMissingError) as refused:
        draft_release.get_latest_revision().publish(user=admin_user)
    assert "organisationens faktaruta är tom" in refused.value.messages[0]

    client.force_login(admin_user)
    response = client.post(admin_url("edit", draft_release.pk), release_form_data(draft_release, action="publish"))
    assert response.status_code == 200
    assert "organisationens faktaruta är tom" in response.content.decode()

    submit(draft_release, coordinator)
    client.force_login(board_member)
    editor = client.get(admin_url("edit", draft_release.pk)).content.decode()
    assert "Organisationens faktaruta är tom" in editor
    with django_capture_on_commit_callbacks(execute=True):
        assert is_denied(client.post(approve_url(draft_release), {"comment": ""}))

    draft_release.refresh_from_db()
    assert not draft_release.live and draft_release.fact_box == ""
    assert not Mailing.objects.exists()
