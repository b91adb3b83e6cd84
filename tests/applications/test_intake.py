"""Intake: a valid application becomes one numbered case with its parties and attachments, and a receipt."""

import re
import threading
from datetime import datetime

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from applications import intake
from applications.models import Application, Attachment
from applications.uploads import PDF, XLSX
from home.associations import default_association
from tests.applications.conftest import good_files, stored_files
from tests.applications.files import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

APPLY_URL = "/soka-medel/ansok/"


def test_the_form_is_swedish_and_labelled(client, principals, meetings):
    response = client.get(APPLY_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv"' in html
    assert 'enctype="multipart/form-data"' in html
    for field in ("applicant_name", "applicant_email", "title", "description", "period_start", "budget"):
        assert f'<label for="id_{field}">' in html
    assert "<legend>Deltagande huvudmän</legend>" in html
    for principal in principals:
        assert principal.name in html
    deadline = meetings["preparation"][0].date - timezone.timedelta(days=14)
    assert "Sista dag att ansöka" in html
    assert f"{deadline.day} " in html


def test_a_valid_application_becomes_one_numbered_case_with_its_attachments(
    post_application, client, application_data, principals, meetings, unlimited_forms
):
    response = post_application({**application_data, "attachments": good_files()})

    assert response.status_code == 200
    application = Application.objects.get()
    year = timezone.localdate().year
    assert application.number == f"{year}/0001"
    assert application.status == Application.Status.RECEIVED
    assert application.applicant_email == "anna@example.org"
    assert set(application.parties.all()) == set(principals[:2])
    assert application.preparation_meeting == meetings["preparation"][0]
    assert application.number in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    attachments = list(application.attachments.order_by("pk"))
    assert [(a.original_name, a.content_type) for a in attachments] == [("ansökan.pdf", PDF), ("budget.xlsx", XLSX)]
    assert attachments[0].size == len(PDF_BYTES)
    assert attachments[0].file.read() == PDF_BYTES
    assert "ansökan" not in attachments[0].file.name
    assert len(stored_files()) == 2


def test_the_receipt_names_the_number_the_meetings_and_a_status_link(
    post_application, client, application_data, meetings, unlimited_forms
):
    post_application({**application_data, "attachments": good_files()})
    application = Application.objects.get()

    (receipt,) = mail.outbox
    assert receipt.to == ["anna@example.org"]
    assert application.number in receipt.subject
    html = receipt.alternatives[0][0]
    assert receipt.alternatives[0][1] == "text/html"
    preparation, board = meetings["preparation"][0].date, meetings["board"][0].date
    for body in (receipt.body, html):
        assert application.number in body
        assert f"beredningsgruppens möte den {preparation.day} " in body
        assert f"Styrelsen beslutar vid sitt möte den {board.day} " in body
        assert "efter sista ansökningsdag" not in body
    link = next(word for word in receipt.body.split() if "/soka-medel/ansokan/" in word)
    assert link.startswith(django_settings.SITE_URL + "/")
    assert f'href="{link}"' in html
    application.refresh_from_db()
    assert application.receipt_sent_at is not None
    assert client.get(link.removeprefix(django_settings.SITE_URL)).status_code == 200


def test_the_receipt_is_sent_once(post_application, client, application_data, unlimited_forms):
    from applications.tasks import send_receipt_task

    post_application({**application_data, "attachments": good_files()})
    assert send_receipt_task(Application.objects.get().pk) is False
    assert len(mail.outbox) == 1


def test_a_receipt_that_could_not_be_sent_is_sent_by_the_sweep_once(
    post_application, application_data, unlimited_forms, settings, monkeypatch
):
    from applications import tasks

    def provider_down(application):
        raise ConnectionError("provider down")

    with monkeypatch.context() as down:
        down.setattr(tasks, "send_receipt", provider_down)
        post_application({**application_data, "attachments": good_files()})
    application = Application.objects.get()
    assert application.receipt_sent_at is None
    assert tasks.sweep_applicant_emails_task() == {"receipts": 0, "decisions": 0}, "too young to sweep"

    settings.APPLICATIONS_SWEEP_AFTER = 0
    assert tasks.sweep_applicant_emails_task() == {"receipts": 1, "decisions": 0}
    assert tasks.sweep_applicant_emails_task() == {"receipts": 0, "decisions": 0}
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    application.refresh_from_db()
    assert application.receipt_sent_at is not None


def test_the_sweep_leaves_erased_cases_alone(post_application, application_data, unlimited_forms, settings):
    from applications import tasks

    settings.APPLICATIONS_SWEEP_AFTER = 0
    post_application({**application_data, "attachments": good_files()})
    Application.objects.update(receipt_sent_at=None, erased_at=timezone.now())
    assert tasks.sweep_applicant_emails_task() == {"receipts": 0, "decisions": 0}
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"parties": []}, "parties", "Det här fältet är obligatoriskt"),
        ({"parties": "one"}, "parties", "Välj minst två huvudmän."),
        ({"period_end": "2026-12-31"}, "period_end", "Projektslut kan inte vara före projektstart."),
        ({"applicant_email": "inte-en-adress"}, "applicant_email", "Ange en giltig mejladress."),
        ({"budget": "-5"}, "budget", "Kontrollera att detta värde är större än eller lika med 0."),
        ({"title": ""}, "title", "Det här fältet är obligatoriskt"),
    ],
)
def test_bad_input_gets_a_swedish_error_on_its_field_and_creates_nothing(
    post_application, client, application_data, principals, unlimited_forms, change, field, message
):
    if change.get("parties") == "one":
        change = {"parties": [str(principals[0].pk)]}
    response = post_application({**application_data, **change, "attachments": good_files()})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ansökan kunde inte skickas" in html
    assert f'id="id_{field}_errors"' in html
    assert f'id="id_{field}_errors"><li>{message}' in html
    assert re.search(rf'aria-describedby="[^"]*id_{field}_errors"', html)
    assert Application.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert stored_files() == []
    assert mail.outbox == []


def test_an_application_without_attachments_is_refused(post_application, client, application_data, unlimited_forms):
    response = post_application(application_data)
    assert 'id="id_attachments_errors"' in response.content.decode()
    assert Application.objects.count() == 0


@pytest.mark.parametrize("bad", ["999999", "9" * 30, "-1", "1.0", "²", "abc"])
def test_a_principal_of_no_association_cannot_be_chosen(post_application, application_data, unlimited_forms, bad):
    response = post_application({**application_data, "parties": [bad, application_data["parties"][0]]})
    assert response.status_code == 200
    assert "Välj bland huvudmännen i listan." in response.content.decode()
    assert Application.objects.count() == 0


def test_the_form_is_rate_limited_like_the_other_public_forms(post_application, client, application_data, settings):
    settings.HOME_FORM_RATE_LIMIT = 1
    post_application({**application_data, "attachments": good_files()})
    response = post_application({**application_data, "attachments": good_files()})
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert Application.objects.count() == 1


def test_behind_the_proxy_the_limit_counts_each_applicant_not_the_proxy(post_application, application_data, settings):
    settings.HOME_FORM_RATE_LIMIT = 1
    settings.NETWORK_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for applicant in ("198.51.100.1", "198.51.100.2"):
        data = {**application_data, "attachments": good_files()}
        assert post_application(data, HTTP_X_FORWARDED_FOR=applicant, **proxy).status_code == 200
    assert Application.objects.count() == 2
    again = {**application_data, "attachments": good_files()}
    assert post_application(again, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1", **proxy).status_code == 429
    assert Application.objects.count() == 2


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(
    post_application, client, application_data, unlimited_forms
):
    response = post_application({**application_data, "hemsida_url": "http://spam", "attachments": good_files()})
    assert response.status_code == 200
    assert Application.objects.count() == 0
    assert mail.outbox == []


def receive(principals, received_at=None):
    fields = {
        "applicant_name": "A",
        "applicant_email": "a@example.org",
        "title": "T",
        "description": "D",
        "period_start": datetime(2027, 1, 1).date(),
        "period_end": datetime(2027, 6, 30).date(),
        "budget": 1,
    }
    return intake.receive(
        association=default_association(),
        fields=fields,
        parties=principals[:2],
        attachments=[],
        received_at=received_at,
    )


def test_numbers_are_sequential_per_year(principals):
    local = timezone.get_current_timezone()
    first = receive(principals, datetime(2026, 12, 31, 23, 30, tzinfo=local))
    second = receive(principals, datetime(2026, 12, 31, 23, 59, tzinfo=local))
    third = receive(principals, datetime(2027, 1, 1, 0, 5, tzinfo=local))
    assert [first.number, second.number, third.number] == ["2026/0001", "2026/0002", "2027/0001"]


def test_a_number_taken_meanwhile_is_skipped(principals, monkeypatch):
    """Another application took the number between reading the highest and inserting: the next one is used."""
    year = timezone.localdate().year
    real_next_sequence = intake.next_sequence
    calls = []

    def next_sequence_with_a_rival(association, of_year):
        sequence = real_next_sequence(association, of_year)
        if not calls:
            Application.objects.create(
                year=of_year,
                sequence=sequence,
                number=Application.format_number(of_year, sequence),
                applicant_name="B",
                applicant_email="b@example.org",
                title="Rival",
                description="D",
                period_start=datetime(2027, 1, 1).date(),
                period_end=datetime(2027, 1, 2).date(),
                budget=1,
            )
        calls.append(sequence)
        return sequence

    monkeypatch.setattr(intake, "next_sequence", next_sequence_with_a_rival)
    application = receive(principals)
    assert application.number == f"{year}/0002"
    assert calls == [1, 2]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_applications_get_distinct_numbers(principals):
    count = 6
    barrier = threading.Barrier(count)
    numbers, errors = [], []

    def apply():
        try:
            barrier.wait()
            numbers.append(receive(principals).number)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    year = timezone.localdate().year
    assert errors == []
    assert sorted(numbers) == [f"{year}/{n:04d}" for n in range(1, count + 1)]


def test_attachments_are_stored_under_random_names(
    principals, unlimited_forms, post_application, client, application_data
):
    post_application({**application_data, "attachments": [upload("../../etc/passwd.pdf", PDF_BYTES)]})
    attachment = Attachment.objects.get()
    assert attachment.original_name == "passwd.pdf"
    assert ".." not in attachment.file.name
    assert attachment.file.name.startswith(f"applications/{timezone.localdate().year}/")
