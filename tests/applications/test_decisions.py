"""The board's decision and what it sets going: the draft project page and release, their publication
through the board's approval, and the applicant's email (once, granted or rejected)."""

import pytest
from django.contrib.admin.utils import quote
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications import decisions
from applications.models import Application, Comment, Decision, Outcome, Proposal
from applications.tasks import notify_applicant_task
from home.decisions import release_models
from home.models import OrganisationSettings, ProjectPage
from network.models import Mailing
from press.models import PressRelease
from tests.activities.factories import ActivityFactory
from tests.applications.chain import APPLICANT_EMAIL, board_meeting, make_case, people
from tests.press.factories import subscribe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def roles(home_page):
    return people()


@pytest.fixture
def subscribers(db):
    return [subscribe("journalist@example.org", "media"), subscribe("natverk@example.org", "natverket")]


def decision_emails():
    return [message for message in mail.outbox if message.subject.startswith("Beslut om din ansökan")]


def press_emails():
    return [message for message in mail.outbox if message.subject.startswith("Pressmeddelande:")]


def decide(application, board, outcome=Outcome.GRANTED, *, capture, paragraph=12, amount=None, meeting=None):
    with capture(execute=True):
        return decisions.record_decision(
            application,
            meeting=meeting or board_meeting(),
            paragraph=paragraph,
            outcome=outcome,
            amount=amount,
            motivation="Projektet svarar mot förbundets mål.",
            user=board,
        )


def approve(client, release, board, capture):
    release.refresh_from_db()
    task_state = release.current_workflow_task_state
    url = reverse(
        PressRelease.snippet_viewset.get_url_name("workflow_action"), args=[quote(release.pk), "approve", task_state.pk]
    )
    client.force_login(board)
    with capture(execute=True):
        return client.post(url, {"comment": ""})


def test_a_granted_decision_makes_a_draft_project_page_and_a_release_before_the_board(
    roles, django_capture_on_commit_callbacks
):
    application = make_case()
    decision = decide(application, roles["board"], capture=django_capture_on_commit_callbacks)

    application.refresh_from_db()
    assert application.status == Application.Status.DECIDED and not application.rejected
    page = ProjectPage.objects.get(pk=decision.project_page_id)
    assert not page.live and page.get_parent().url_path.endswith("/projekt/")
    assert (page.title, page.lead, page.granted_amount) == (application.title, application.description, 450_000)
    assert (page.start_date, page.end_date) == (application.period_start, application.period_end)
    assert page.decision_date == decision.meeting.date and page.decision_paragraph == "§\N{NO-BREAK SPACE}12"
    assert sorted(page.principals.values_list("pk", flat=True)) == sorted(
        application.parties.values_list("pk", flat=True)
    )

    release = decision.release
    assert isinstance(release, PressRelease) and not release.live
    assert release.related_page_id == page.pk
    assert sorted(release.distribution_slugs) == ["media", "natverket"]
    assert "450\N{NO-BREAK SPACE}000\N{NO-BREAK SPACE}kr" in release.lead and "§\N{NO-BREAK SPACE}12" in release.lead
    assert release.workflow_in_progress, "the release waits for the board like any release"
    assert release.current_workflow_task_state.task.specific.groups.filter(name="Styrelse").exists()
    assert release.effective_fact_box == OrganisationSettings.objects.first().fact_box


def test_board_approval_publishes_release_and_project_page_and_mails_once(
    client, roles, subscribers, django_capture_on_commit_callbacks
):
    decision = decide(make_case(), roles["board"], capture=django_capture_on_commit_callbacks)
    assert approve(client, decision.release, roles["board"], django_capture_on_commit_callbacks).status_code == 302

    release = PressRelease.objects.get(pk=decision.release.pk)
    page = ProjectPage.objects.get(pk=decision.project_page_id)
    assert release.live and page.live
    assert release.fact_box, "the fact box is frozen into the release on publication"
    assert client.get(page.url).status_code == 200
    assert Mailing.objects.filter(object_id=str(release.pk)).count() == 1
    assert sorted(address for message in press_emails() for address in message.to) == [
        "journalist@example.org",
        "natverk@example.org",
    ]
    release.save_revision(user=roles["admin"]).publish(user=roles["admin"])
    assert Mailing.objects.filter(object_id=str(release.pk)).count() == 1, "a re-publication sends nothing"
    assert len(decision_emails()) == 1


def test_rejection_makes_no_page_nor_release_and_tells_the_applicant_once(roles, django_capture_on_commit_callbacks):
    pages, releases = ProjectPage.objects.count(), PressRelease.objects.count()
    decision = decide(make_case(), roles["board"], Outcome.REJECTED, capture=django_capture_on_commit_callbacks)
    assert decision.amount is None and decision.project_page is None and decision.release is None
    assert (ProjectPage.objects.count(), PressRelease.objects.count()) == (pages, releases)
    decision.application.refresh_from_db()
    assert decision.application.rejected and decision.application.closed_at

    (message,) = decision_emails()
    assert message.to == [APPLICANT_EMAIL] and "Ansökan avslås." in message.body
    assert "Projektet svarar mot förbundets mål." in message.body
    assert notify_applicant_task(decision.pk) is False, "a second run sends nothing"
    assert len(decision_emails()) == 1


def test_a_partial_grant_needs_an_amount_below_the_budget(roles, django_capture_on_commit_callbacks):
    application = make_case(budget=300_000)
    for amount in (None, 0, 300_000, 400_000):
        with pytest.raises(ValidationError):
            decide(
                application,
                roles["board"],
                Outcome.PARTLY_GRANTED,
                amount=amount,
                capture=django_capture_on_commit_callbacks,
            )
    assert not Decision.objects.exists() and not decision_emails()
    decision = decide(
        application, roles["board"], Outcome.PARTLY_GRANTED, amount=120_000, capture=django_capture_on_commit_callbacks
    )
    assert decision.project_page.granted_amount == 120_000
    assert "120\N{NO-BREAK SPACE}000\N{NO-BREAK SPACE}kr" in decision.release.lead
    (message,) = decision_emails()
    assert "120 000 kr av sökta 300 000 kr" in message.body.replace("\N{NO-BREAK SPACE}", " ")


def test_a_case_is_decided_once_and_a_paragraph_is_used_once_per_meeting(roles, django_capture_on_commit_callbacks):
    meeting = board_meeting()
    first = make_case()
    decide(first, roles["board"], Outcome.REJECTED, meeting=meeting, capture=django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        decide(
            first,
            roles["board"],
            Outcome.GRANTED,
            meeting=meeting,
            paragraph=13,
            capture=django_capture_on_commit_callbacks,
        )
    second = make_case("Ett annat projekt")
    with pytest.raises(ValidationError):
        decide(second, roles["board"], Outcome.REJECTED, meeting=meeting, capture=django_capture_on_commit_callbacks)
    second.refresh_from_db()
    assert second.status == Application.Status.RECEIVED
    assert Decision.objects.count() == 1 and len(decision_emails()) == 1


def test_a_failing_release_leaves_no_decision_and_no_page(roles, monkeypatch, django_capture_on_commit_callbacks):
    def broken(project_page, *, user):
        raise RuntimeError("the press plugin failed")

    monkeypatch.setattr(decisions, "create_decision_release", broken)
    application = make_case()
    pages = ProjectPage.objects.count()
    with pytest.raises(RuntimeError):
        decide(application, roles["board"], capture=django_capture_on_commit_callbacks)
    application.refresh_from_db()
    assert application.status == Application.Status.RECEIVED
    assert not Decision.objects.exists() and ProjectPage.objects.count() == pages and not decision_emails()


def test_without_a_release_plugin_the_decision_makes_only_the_draft_page(
    roles, monkeypatch, django_capture_on_commit_callbacks
):
    from wagtail import hooks

    from home.decisions import CREATE_DECISION_RELEASE

    monkeypatch.setitem(hooks._hooks, CREATE_DECISION_RELEASE, [])
    releases = PressRelease.objects.count()
    decision = decide(make_case(), roles["board"], capture=django_capture_on_commit_callbacks)
    assert decision.project_page is not None and not decision.project_page.live
    assert decision.release is None and PressRelease.objects.count() == releases
    assert len(decision_emails()) == 1


def test_comments_and_proposals_move_a_received_case_into_preparation(roles):
    application = make_case()
    decisions.add_comment(application, text="Budgeten behöver förtydligas.", user=roles["preparation"])
    application.refresh_from_db()
    assert application.status == Application.Status.IN_PREPARATION
    decisions.save_proposal(
        application, outcome=Outcome.GRANTED, amount=None, text="Bevilja.", user=roles["coordinator"]
    )
    decisions.save_proposal(
        application, outcome=Outcome.REJECTED, amount=None, text="Avslå.", user=roles["coordinator"]
    )
    assert Proposal.objects.get(application=application).outcome == Outcome.REJECTED
    assert Comment.objects.count() == 1


def test_publishing_other_snippets_asks_nothing_about_decisions(roles):
    """Only the release models' ``published`` signal reaches the decisions (home.decisions.release_models)."""
    activity = ActivityFactory(publish=False)
    with CaptureQueriesContext(connection) as queries:
        activity.save_revision().publish()
    assert activity.live
    assert not [query for query in queries if Decision._meta.db_table in query["sql"]]
    assert release_models() == [PressRelease]
