"""An applicant's own request about their data, whether or not they subscribe to anything: the export and
erasure by address (network.gdpr, the ``personal_data`` command) and the coordinator's screen on a case."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from applications.models import Application, Comment
from network import gdpr
from network.models import Subscriber, Suppression
from tests.applications.chain import people
from tests.applications.conftest import stored_files
from tests.applications.test_retention import erased, make_case
from tests.press.conftest import is_denied

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant_cases(db, django_capture_on_commit_callbacks):
    """Anna's cases (never a subscriber): one open with a comment, one rejected, one granted; and Bo's."""
    with django_capture_on_commit_callbacks(execute=True):
        cases = {
            "open": make_case("2026/0001", status=Application.Status.IN_PREPARATION),
            "rejected": make_case("2026/0002", status=Application.Status.DECIDED, rejected=True),
            "granted": make_case("2026/0003", status=Application.Status.DECIDED),
            "other": make_case("2026/0004", email="bo@example.org"),
        }
    Comment.objects.create(application=cases["open"], text="Anna Andersson har gjort liknande förut.")
    return cases


def test_the_export_by_address_holds_the_cases_of_someone_who_never_subscribed(applicant_cases):
    assert not Subscriber.objects.exists()
    data = json.loads(json.dumps(gdpr.export_person(" ANNA@example.org ")))
    assert data["email"] == "ANNA@example.org"
    assert [case["number"] for case in data["applications"]] == ["2026/0001", "2026/0002", "2026/0003"]
    first = data["applications"][0]
    assert (first["name"], first["phone"], first["attachments"]) == ("Anna Andersson", "070-1", ["ansokan.pdf"])
    assert [case["kept_on_erasure"] for case in data["applications"]] == [False, False, True]
    assert "liknande" not in json.dumps(data), "the preparation's comments are internal"


def test_the_erasure_by_address_erases_all_but_granted_cases_and_their_files(
    applicant_cases, django_capture_on_commit_callbacks
):
    assert len(stored_files()) == 4
    with django_capture_on_commit_callbacks(execute=True):
        gdpr.erase_person("anna@example.org")

    assert [name for name, case in applicant_cases.items() if erased(case)] == ["open", "rejected"]
    opened = Application.objects.get(pk=applicant_cases["open"].pk)
    assert (opened.applicant_name, opened.applicant_email, opened.applicant_phone) == ("", "", "")
    assert opened.status == Application.Status.WITHDRAWN, "nobody is left to hear a decision"
    assert not opened.attachments.exists()
    assert len(stored_files()) == 2, "the files of the erased cases are gone from the storage"
    assert opened.comments.get().text.startswith("Anna Andersson"), "comments stay with the case, internal"
    assert Application.objects.get(pk=applicant_cases["granted"].pk).applicant_email == "anna@example.org"
    assert not Suppression.objects.exists(), "someone who never subscribed is not put on the suppression list"
    assert ModelLogEntry.objects.filter(action="applications.erase").count() == 2
    assert gdpr.export_person("anna@example.org")["applications"][0]["number"] == "2026/0003"


def test_a_failing_erasure_changes_nothing(applicant_cases, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("storage away")

    monkeypatch.setattr(Application, "mark_withdrawn", broken)
    with pytest.raises(RuntimeError):
        gdpr.erase_person("anna@example.org")
    assert not any(erased(case) for case in applicant_cases.values())
    assert len(stored_files()) == 4


def test_the_command_exports_and_erases_by_address(applicant_cases, django_capture_on_commit_callbacks):
    out = StringIO()
    call_command("personal_data", "export", "anna@example.org", stdout=out)
    assert len(json.loads(out.getvalue())["applications"]) == 3

    with pytest.raises(CommandError, match="kör igen med --yes"):
        call_command("personal_data", "erase", "anna@example.org")
    assert not erased(applicant_cases["rejected"])
    with pytest.raises(CommandError, match="Ogiltig e-postadress"):
        call_command("personal_data", "export", "inte en adress")

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("personal_data", "erase", "anna@example.org", "--yes", stdout=out)
    assert "raderade" in out.getvalue()
    assert erased(applicant_cases["rejected"]) and not erased(applicant_cases["granted"])


def test_the_command_erases_a_subscriber_who_applied_too(applicant_cases, django_capture_on_commit_callbacks):
    Subscriber.objects.create(email="anna@example.org", name="Anna")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("personal_data", "erase", "Anna@Example.org", "--yes", stdout=StringIO())
    assert not Subscriber.objects.exists()
    assert Suppression.objects.count() == 1
    assert erased(applicant_cases["open"]) and erased(applicant_cases["rejected"])


@pytest.fixture
def roles(home_page):
    return people()


def test_only_the_coordinator_handles_an_applicants_request(client, roles, applicant_cases):
    url = reverse("applications_personal_data", args=[applicant_cases["open"].pk])
    for role in ("preparation", "board"):
        client.force_login(roles[role])
        assert is_denied(client.get(url))
        assert is_denied(client.get(url, {"export": "json"}))
        assert is_denied(client.post(url))
    client.logout()
    assert is_denied(client.post(url))
    assert not any(erased(case) for case in applicant_cases.values())


def test_the_coordinator_exports_and_erases_from_a_case(
    client, roles, applicant_cases, django_capture_on_commit_callbacks
):
    client.force_login(roles["coordinator"])
    listing = client.get(reverse(Application.snippet_viewset.get_url_name("list")))
    url = reverse("applications_personal_data", args=[applicant_cases["open"].pk])
    assert url in listing.content.decode()

    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "anna@example.org" in html
    assert "2026/0002" in html and "2026/0003" in html and "2026/0004" not in html
    assert "Radera den sökandes personuppgifter" in html

    export = client.get(url, {"export": "json"})
    assert export["Content-Disposition"].startswith("attachment;")
    assert [case["number"] for case in json.loads(export.content)["applications"]] == [
        "2026/0001",
        "2026/0002",
        "2026/0003",
    ]
    assert ModelLogEntry.objects.filter(action="applications.export", user=roles["coordinator"]).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Personuppgifterna och bilagorna i 2 ärenden är raderade." in response.content.decode()
    assert erased(applicant_cases["open"]) and erased(applicant_cases["rejected"])
    assert not erased(applicant_cases["granted"]) and not erased(applicant_cases["other"])
    assert ModelLogEntry.objects.filter(action="applications.erase", user=roles["coordinator"]).count() == 2

    again = client.post(url, follow=True).content.decode()
    assert "redan raderade" in again
