"""Who may do what in the preparation and decision: (anonymous, applicant's link, coordinator,
preparation group, board, admin) x every step.

Each cell acts through the URLs themselves (direct POSTs, not only the buttons shown) and is judged
by its effect: a row written, a release gone live, a comment's text served. A denial that still
changed something is a violation.
"""

import pytest
from django.contrib.admin.utils import quote
from django.urls import reverse

from applications import decisions
from applications.models import Comment, Decision, Outcome, Proposal
from applications.status import status_url
from press.models import PressRelease
from tests.applications.chain import board_meeting, make_case, people
from tests.press.conftest import is_denied

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

ROLES = ["anonymous", "applicant", "coordinator", "preparation", "board", "admin"]
COMMENT = "Hemlig kommentar från beredningen"
PROPOSAL = "Hemlig motivering till förslaget"
EXPECTED = {
    "view_case": {"coordinator", "preparation", "board", "admin"},
    "comment": {"coordinator", "preparation", "admin"},
    "propose": {"coordinator", "admin"},
    "decide": {"board", "admin"},
    "see_comments_via_status_link": set(),
    "publish": {"board", "admin"},
}


@pytest.fixture
def roles(home_page):
    return people()


@pytest.fixture
def case(roles):
    application = make_case()
    decisions.add_comment(application, text=COMMENT, user=roles["preparation"])
    decisions.save_proposal(application, outcome=Outcome.GRANTED, amount=None, text=PROPOSAL, user=roles["coordinator"])
    return application


def room(application):
    return reverse("applications_case_room", args=[application.pk])


def act(action, client, application, roles, capture):
    """Attempt ``action`` as whoever ``client`` is; True if it took effect (or the secret was served)."""
    if action == "view_case":
        response = client.get(room(application))
        return response.status_code == 200 and application.title in response.content.decode()
    if action == "comment":
        client.post(room(application), {"step": "comment", "comment-text": "Ny kommentar"})
        return Comment.objects.filter(text="Ny kommentar").exists()
    if action == "propose":
        client.post(
            room(application),
            {"step": "propose", "propose-outcome": Outcome.REJECTED, "propose-amount": "", "propose-text": "Avslå"},
        )
        return Proposal.objects.filter(application=application, outcome=Outcome.REJECTED).exists()
    if action == "decide":
        meeting = board_meeting()
        with capture(execute=True):
            client.post(
                room(application),
                {
                    "step": "decide",
                    "decide-meeting": meeting.pk,
                    "decide-paragraph": "7",
                    "decide-outcome": Outcome.GRANTED,
                    "decide-amount": "",
                    "decide-motivation": "",
                },
            )
        return Decision.objects.filter(application=application).exists()
    if action == "see_comments_via_status_link":
        response = client.get(status_url(application))
        assert response.status_code == 200, "the status link itself works for everyone who has it"
        content = response.content.decode()
        assert application.number in content
        return COMMENT in content or PROPOSAL in content
    if action == "publish":
        with capture(execute=True):
            decision = decisions.record_decision(
                application, meeting=board_meeting(), paragraph=3, outcome=Outcome.GRANTED, user=roles["board"]
            )
        release = decision.release
        task_state = release.current_workflow_task_state
        url = reverse(
            PressRelease.snippet_viewset.get_url_name("workflow_action"),
            args=[quote(release.pk), "approve", task_state.pk],
        )
        with capture(execute=True):
            client.post(url, {"comment": ""})
        decision.project_page.refresh_from_db()
        live = PressRelease.objects.get(pk=release.pk).live
        assert live == decision.project_page.live, "the project page goes live with its release, never alone"
        return live
    raise AssertionError(action)


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(action, role, client, roles, case, django_capture_on_commit_callbacks):
    if role in roles:
        client.force_login(roles[role])
    allowed = act(action, client, case, roles, django_capture_on_commit_callbacks)
    assert allowed == (role in EXPECTED[action]), f"{role} {'could' if allowed else 'could not'} {action}"


@pytest.mark.parametrize("role", ["preparation", "coordinator"])
def test_a_role_that_cannot_decide_is_refused(role, client, roles, case):
    client.force_login(roles[role])
    response = client.post(room(case), {"step": "decide", "decide-paragraph": "1", "decide-outcome": Outcome.GRANTED})
    assert is_denied(response) and not Decision.objects.exists()


def test_the_room_shows_each_role_only_its_own_steps(client, roles, case):
    shown = {}
    for role in ("coordinator", "preparation", "board"):
        client.force_login(roles[role])
        content = client.get(room(case)).content.decode()
        shown[role] = {step for step in ("comment", "propose", "decide") if f'data-case-step="{step}"' in content}
        assert COMMENT in content and PROPOSAL in content
    assert shown == {"coordinator": {"comment", "propose"}, "preparation": {"comment"}, "board": {"decide"}}


def test_bad_input_gets_a_swedish_error_and_changes_nothing(client, roles, case):
    client.force_login(roles["board"])
    response = client.post(
        room(case),
        {"step": "decide", "decide-meeting": "", "decide-paragraph": "x", "decide-outcome": Outcome.PARTLY_GRANTED},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Välj styrelsemötet där beslutet fattades." in content
    assert "Ange ett belopp mellan 1 och" in content
    assert not Decision.objects.exists()
    assert is_denied(client.post(room(case), {"step": "okänt"}))
