"""The admin's import screen (upload, preview, explicit choice, import with progress) and a person's true state."""

import io

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from network import importer, tasks
from network.models import MailingList, Subscriber, SubscriberImport, Subscription
from tests.network.factories import SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

UPLOAD = reverse("network_subscriber:import")
CSV = "email,name,organisation\nanna@example.org,Anna,Försäkringskassan\ninte-en-adress,X,\nbo@example.org,Bo,\n"


def xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content=CSV, name="anmalningar.csv", **fields):
    data = content.encode() if isinstance(content, str) else content
    form = {
        "file": SimpleUploadedFile(name, data),
        "mailing_list": MailingList.objects.get(slug="natverket").pk,
        "choice": "legal_basis",
        "legal_basis": "Intresseanmälan på papper",
        "consent_date": "2026-11-20",
        **fields,
    }
    return client.post(UPLOAD, {key: value for key, value in form.items() if value is not None})


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_coordinator_finds_the_import_button_the_board_does_not(client, coordinator, board_member):
    client.force_login(coordinator)
    assert UPLOAD in client.get(reverse("network_subscriber:index")).content.decode()
    client.force_login(board_member)
    assert UPLOAD not in client.get(reverse("network_subscriber:index")).content.decode()
    denied = client.get(UPLOAD)  # Wagtail's admin answers PermissionDenied with a redirect home and a message
    assert (denied.status_code, denied["Location"]) == (302, reverse("wagtailadmin_home"))


def test_preview_shows_accepted_and_rejected_rows_with_reasons_and_writes_no_person(coordinator_client):
    response = upload(coordinator_client)
    job = SubscriberImport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/import/{job.pk}/")
    html = coordinator_client.get(response["Location"]).content.decode()
    assert "2 av 3 rader godtas och 1 avvisas" in html
    assert "ogiltig e-postadress: &#x27;inte-en-adress&#x27;" in html
    assert "anna@example.org" in html and "Försäkringskassan" in html
    assert "Importera 2 personer" in html
    assert "Intresseanmälan på papper" in html
    assert not Subscriber.objects.exists()


def test_import_on_a_legal_basis_confirms_everyone_logs_it_and_reports_done(
    coordinator_client, coordinator, django_capture_on_commit_callbacks, eager_celery
):
    upload(coordinator_client)
    job = SubscriberImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("network_subscriber:import_detail", args=[job.pk]), {"action": "import"})
    job.refresh_from_db()
    assert (job.state, job.accepted, job.created, job.processed) == ("done", 2, 2, 3)
    assert bytes(job.data) == b""
    anna = Subscriber.objects.get(email="anna@example.org")
    assert anna.is_confirmed and anna.legal_basis == "Intresseanmälan på papper"
    assert timezone.localdate(anna.consent_at).isoformat() == "2026-11-20"
    assert anna.subscriptions.get().active
    entry = ModelLogEntry.objects.get(action="network.import")
    assert entry.user == coordinator and entry.data["accepted"] == 2 and entry.data["choice"] == "legal_basis"
    assert mail.outbox == []
    html = coordinator_client.get(reverse("network_subscriber:import_detail", args=[job.pk])).content.decode()
    assert "Klart: 2 personer lades till i" in html


def test_import_with_confirmation_emails_mails_the_new_people(
    coordinator_client, django_capture_on_commit_callbacks, eager_celery
):
    upload(coordinator_client, choice="confirmation", legal_basis=None, consent_date=None)
    job = SubscriberImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("network_subscriber:import_detail", args=[job.pk]), {"action": "import"})
    assert sorted(message.to[0] for message in mail.outbox) == ["anna@example.org", "bo@example.org"]
    assert not Subscriber.objects.filter(confirmed_at__isnull=False).exists()
    assert SubscriberImport.objects.get().mailed == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"choice": None}, "Det här fältet är obligatoriskt"),
        ({"legal_basis": ""}, "Ange den rättsliga grunden"),
        ({"consent_date": ""}, "Ange när personerna anmälde sig"),
        ({"consent_date": "2999-01-01"}, "kan inte ligga i framtiden"),
    ],
)
def test_the_choice_must_be_explicit_and_complete(coordinator_client, fields, message):
    response = upload(coordinator_client, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SubscriberImport.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "bild.csv", "binära data"),
        ("email\nåsa@example.org\n".encode("cp1252"), "lista.csv", "inte UTF-8"),
        (b"PK\x03\x04trasig", "lista.xlsx", "ingen läsbar Excel-fil"),
        (b'email,name\n"x@example.org,"oavslutad\n', "lista.csv", "inte en giltig CSV-fil"),
        (b"", "tom.csv", "Filen är tom"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_in_swedish_and_nothing_is_stored(
    coordinator_client, content, name, message
):
    response = upload(coordinator_client, content, name=name)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert not SubscriberImport.objects.exists() and not Subscriber.objects.exists()


def test_a_huge_file_is_refused(coordinator_client, settings):
    settings.NETWORK_IMPORT_MAX_BYTES = 1024 * 1024
    response = upload(coordinator_client, "email\n" + "x@example.org\n" * 100_000)
    assert "Filen är för stor (högst 1 MB)" in response.content.decode()
    assert not SubscriberImport.objects.exists()


def test_formula_cells_and_duplicates_in_xlsx_are_rejected_in_the_preview(coordinator_client):
    content = xlsx(
        [
            ["email", "name"],
            ["ok@example.org", "Ok"],
            ["x@example.org", '=HYPERLINK("http://evil.example","klicka")'],
            ["OK@example.org", "Dubblett"],
        ]
    )
    upload(coordinator_client, content, name="lista.xlsx")
    job = SubscriberImport.objects.get()
    assert job.accepted == 1
    reasons = [row["reason"] for row in job.preview["rejected"]]
    assert "formel" in reasons[0] and reasons[1] == "dubblett i filen (samma adress som rad 2)"


def test_the_import_is_all_or_nothing(coordinator_client, monkeypatch):
    upload(coordinator_client)
    job = SubscriberImport.objects.get()
    SubscriberImport.objects.filter(pk=job.pk).update(state="queued")

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Subscription.objects, "bulk_create", fail)
    tasks.import_subscribers_task(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and job.error.startswith("Inget importerades.")
    assert not Subscriber.objects.exists()
    assert not ModelLogEntry.objects.filter(action="network.import").exists()
    html = coordinator_client.get(reverse("network_subscriber:import_detail", args=[job.pk])).content.decode()
    assert 'role="alert"' in html and "Inget importerades." in html


def test_the_import_task_twice_imports_once(coordinator_client):
    upload(coordinator_client)
    job = SubscriberImport.objects.get()
    SubscriberImport.objects.filter(pk=job.pk).update(state="queued")
    tasks.import_subscribers_task(job.pk)
    tasks.import_subscribers_task(job.pk)
    assert Subscriber.objects.count() == 2
    assert ModelLogEntry.objects.filter(action="network.import").count() == 1


def test_a_running_import_shows_its_progress_and_refreshes(coordinator_client):
    upload(coordinator_client)
    job = SubscriberImport.objects.get()
    SubscriberImport.objects.filter(pk=job.pk).update(state="running", processed=2)
    html = coordinator_client.get(reverse("network_subscriber:import_detail", args=[job.pk])).content.decode()
    assert '<progress max="3" value="2"' in html
    assert '<meta http-equiv="refresh" content="2">' in html


def test_the_import_counts_progress_while_checking(coordinator_client, monkeypatch):
    recorded = []
    original = importer._counting

    def counting(rows, import_id, every=500):
        for row in original(rows, import_id, every=1):
            recorded.append(SubscriberImport.objects.values_list("processed", flat=True).get(pk=import_id))
            yield row

    monkeypatch.setattr(importer, "_counting", counting)
    upload(coordinator_client)
    job = SubscriberImport.objects.get()
    SubscriberImport.objects.filter(pk=job.pk).update(state="queued")
    tasks.import_subscribers_task(job.pk)
    assert recorded == [0, 1, 2]


def test_another_coordinator_cannot_open_someone_elses_import(coordinator_client, client, django_user_model):
    upload(coordinator_client)
    job = SubscriberImport.objects.get()
    other = django_user_model.objects.create_user("annan", "annan@example.org", "pw")
    other.groups.set(job.created_by.groups.all())
    client.force_login(other)
    denied = client.get(reverse("network_subscriber:import_detail", args=[job.pk]))
    assert (denied.status_code, denied["Location"]) == (302, reverse("wagtailadmin_home"))


def test_listing_shows_the_true_state_of_each_person(coordinator_client):
    active = SubscriptionFactory().subscriber
    gone = SubscriptionFactory(unsubscribed_at=timezone.now()).subscriber
    pending = SubscriberFactory(confirmed_at=None)
    html = coordinator_client.get(reverse("network_subscriber:index")).content.decode()
    rows = html.split("<tr")
    row = {person: next(r for r in rows if person.email in r) for person in (active, gone, pending)}
    assert "Prenumererar" in row[active]
    assert "Avregistrerad från allt" in row[gone] and "Prenumererar" not in row[gone]
    assert "Väntar på bekräftelse" in row[pending]
    filtered = coordinator_client.get(reverse("network_subscriber:index"), {"status": "unsubscribed"})
    assert gone.email in filtered.content.decode() and active.email not in filtered.content.decode()


def test_a_persons_page_shows_lists_history_and_consent(coordinator_client):
    person = SubscriptionFactory(unsubscribed_at=timezone.now()).subscriber
    Subscriber.objects.filter(pk=person.pk).update(legal_basis="Intresseanmälan på papper", consent_text="Samtycke X")
    SubscriptionFactory(subscriber=person, mailing_list=MailingList.objects.get(slug="media"))
    html = coordinator_client.get(reverse("network_subscriber:inspect", args=[person.pk])).content.decode()
    assert "Listor och historik" in html and "Nätverket" in html and "Sändlista" in html
    assert html.count("<tr><td>") >= 2
    assert "Prenumererar" in html.split("data-subscriber-status>")[1]
    assert "Intresseanmälan på papper" in html and "Samtycke X" in html
