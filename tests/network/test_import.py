"""`manage.py import_subscribers`: row report, all or nothing on broken files."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from network import gdpr
from network.models import MailingList, Subscriber, Subscription, Suppression, email_hash
from tests.network.factories import SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "email,name,organisation,role\n"
    "anna@example.org,Anna Andersson,Försäkringskassan,Handläggare\n"
    "bertil@example.org,Bertil Berg,lycksele_kommun,\n"
)


def run(tmp_path, content, *args, name="import.csv"):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_subscribers", str(path), "--list", "natverket", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_by_default_imports_unconfirmed_and_mails_each_new_person_a_confirmation(
    tmp_path, django_capture_on_commit_callbacks, eager_celery
):
    with django_capture_on_commit_callbacks(execute=True):
        out, err = run(tmp_path, GOOD)
    assert "Godkända rader: 2" in out
    assert "Avvisade rader: 0" in out
    assert "100 %" in err
    anna = Subscriber.objects.get(email="anna@example.org")
    assert anna.confirmed_at is None
    assert anna.organisation == "forsakringskassan"
    assert anna.role == "Handläggare"
    assert anna.consent_source == "import"
    assert anna.subscriptions.get().mailing_list.slug == "natverket"
    assert anna.subscriptions.get().confirmed_at is None
    entry = ModelLogEntry.objects.get(action="network.import")
    assert entry.data["accepted"] == 2
    assert entry.data["choice"] == "confirmation"
    assert sorted(message.to[0] for message in mail.outbox) == ["anna@example.org", "bertil@example.org"]
    assert "/natverket/bekrafta/" in mail.outbox[0].body
    assert "Bekräftelsemejl skickas till 2 nya personer" in out and "inom 30 dagar raderas" in out


def test_confirmed_import_records_legal_basis(tmp_path):
    run(tmp_path, GOOD, "--confirmed", "--legal-basis", "Samtycke på papper 2026")
    anna = Subscriber.objects.get(email="anna@example.org")
    assert anna.confirmed_at is not None
    assert anna.legal_basis == "Samtycke på papper 2026"
    assert anna.consent_source == "import"
    assert anna.subscriptions.get().active


def test_confirmed_without_legal_basis_is_refused(tmp_path):
    with pytest.raises(CommandError, match="--legal-basis"):
        run(tmp_path, GOOD, "--confirmed")
    assert not Subscriber.objects.exists()


def test_confirmed_import_records_the_date_of_the_paper_registration_and_mails_nobody(
    tmp_path, django_capture_on_commit_callbacks, eager_celery
):
    with django_capture_on_commit_callbacks(execute=True):
        run(tmp_path, GOOD, "--confirmed", "--legal-basis", "Pappersanmälan", "--consent-date", "2026-10-15")
    anna = Subscriber.objects.get(email="anna@example.org")
    assert timezone.localdate(anna.consent_at).isoformat() == "2026-10-15"
    assert "Pappersanmälan (2026-10-15)" in anna.consent_text
    assert mail.outbox == []


def test_people_imported_as_confirmed_are_never_purged(tmp_path):
    run(tmp_path, GOOD, "--confirmed", "--legal-basis", "Pappersanmälan", "--consent-date", "2025-01-01")
    assert gdpr.purge_unconfirmed(now=timezone.now() + timedelta(days=400)) == 0
    assert Subscriber.objects.count() == 2


def test_an_import_where_every_row_is_rejected_exits_non_zero(tmp_path):
    with pytest.raises(CommandError, match="Inget importerades: filen har inga godkända rader") as excinfo:
        run(tmp_path, "email\ninte-en-adress\nockså fel\n")
    assert excinfo.value.returncode == 1  # manage.py's exit status
    assert not Subscriber.objects.exists()
    assert not ModelLogEntry.objects.filter(action="network.import").exists()


def test_dry_run_writes_nothing(tmp_path):
    out, _ = run(tmp_path, GOOD, "--dry-run")
    assert "Godkända rader: 2" in out
    assert "ingenting sparades" in out
    assert not Subscriber.objects.exists()


def test_rejected_rows_are_reported_with_reasons_and_the_rest_imported(tmp_path):
    Suppression.objects.create(email_hash=email_hash("sparrad@example.org"), reason=Suppression.Reason.BOUNCED)
    on_list = SubscriptionFactory().subscriber
    gone = SubscriptionFactory()
    Subscription.objects.filter(pk=gone.pk).update(unsubscribed_at="2026-01-01T00:00Z")
    elsewhere = SubscriberFactory()
    content = (
        "e-post;namn;organisation\n"
        "ok@example.org;Ok;\n"
        "inte-en-adress;X;\n"
        "OK@example.org;Dubblett;\n"
        "sparrad@example.org;Spärr;\n"
        "okand@example.org;Y;NASA\n"
        f"{on_list.email};Finns;\n"
        f"{gone.subscriber.email};Avregistrerad;\n"
        f"{elsewhere.email};Annan lista;\n"
        "kort@example.org\n"
        "\n"
    )
    out, _ = run(tmp_path, content)
    assert "Godkända rader: 2" in out
    assert "Avvisade rader: 7" in out
    assert "rad 3: ogiltig e-postadress: 'inte-en-adress'" in out
    assert "rad 4: dubblett i filen (samma adress som rad 2)" in out
    assert "rad 5: adressen är spärrad" in out
    assert "rad 6: okänd organisation: 'NASA'" in out
    assert "rad 7: finns redan på listan" in out
    assert "rad 8: personen har avregistrerat sig från listan" in out
    assert "rad 10: fel antal fält (1 i stället för 3)" in out
    natverket = MailingList.objects.get(slug="natverket")
    assert Subscription.objects.filter(subscriber=elsewhere, mailing_list=natverket).exists()
    assert Subscriber.objects.filter(email="ok@example.org").exists()
    assert not Subscriber.objects.filter(email__iexact="sparrad@example.org").exists()


def test_bom_is_accepted(tmp_path):
    out, _ = run(tmp_path, "\ufeff" + GOOD)
    assert "Godkända rader: 2" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Filen är tom"),
        (b"   \n\n", "Filen är tom"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binära data"),
        ("email,name\nåsa@example.org,Åsa\n".encode("latin-1"), "inte UTF-8"),
        (b"email|name\nx@example.org|X\n", "Okända kolumner"),
        (b"namn,organisation\nAnna,annan\n", "saknar kolumnen"),
        (b"email,email\nx@example.org,y@example.org\n", "samma kolumn"),
        (b'email,name\n"x@example.org,"unterminated\n', "inte en giltig CSV-fil"),
        (b"email,telefon\nx@example.org,070\n", "rubrikraden: 'telefon'"),
    ],
)
def test_malformed_file_is_refused_whole(tmp_path, content, message):
    with pytest.raises(CommandError, match=message) as excinfo:
        run(tmp_path, content)
    assert "Inget importerades" in str(excinfo.value)
    assert not Subscriber.objects.exists()


def test_unknown_list_and_missing_file_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="Sändlistan 'okand' finns inte"):
        call_command("import_subscribers", str(tmp_path / "x.csv"), "--list", "okand")
    with pytest.raises(CommandError, match="Kan inte läsa filen"):
        call_command("import_subscribers", str(tmp_path / "saknas.csv"), "--list", "natverket")


def test_error_during_write_rolls_back_everything(tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Subscription.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        run(tmp_path, GOOD)
    assert not Subscriber.objects.exists()


def test_ten_thousand_rows_in_batches_not_one_query_per_row(tmp_path, django_assert_max_num_queries):
    lines = ["email,name,organisation"] + [f"p{n}@example.org,Person {n},annan" for n in range(10_000)]
    with django_assert_max_num_queries(500):
        out, err = run(tmp_path, "\n".join(lines) + "\n")
    assert "Godkända rader: 10000" in out
    assert Subscription.objects.count() == 10_000
    assert err.count("\r") <= 101


def xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_is_imported_like_csv(tmp_path):
    content = xlsx([["E-post", "Namn", "Organisation", None], ["anna@example.org", "Anna", "Försäkringskassan", None]])
    out, _ = run(tmp_path, content, "--confirmed", "--legal-basis", "Pappersanmälan", name="lista.xlsx")
    assert "Godkända rader: 1" in out
    assert Subscriber.objects.get().organisation == "forsakringskassan"


@pytest.mark.parametrize("value", ['=HYPERLINK("http://evil.example","klicka")', "+1+1", "@SUM(A1)", "=1+1"])
def test_formula_injection_in_cells_is_rejected_with_a_reason(tmp_path, value):
    content = xlsx([["email", "name"], ["ok@example.org", "Ok"], ["x@example.org", value]])
    out, _ = run(tmp_path, content, "--confirmed", "--legal-basis", "Pappersanmälan", name="lista.xlsx")
    assert "rad 3: name börjar med" in out and "formel" in out
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["ok@example.org"]


def test_a_formula_in_a_csv_is_rejected_too(tmp_path):
    out, _ = run(tmp_path, "email,name,role\nok@example.org,Ok,-\nx@example.org,X,=cmd|' /C calc'!A0\n")
    assert "rad 3: role börjar med ”=”" in out
    assert Subscriber.objects.get().role == "-"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 not really a zip", "ingen läsbar Excel-fil"),
        ("email,name\nåsa@example.org,Åsa\n".encode("utf-16"), "binära data"),
        ("email,name\nåsa@example.org,Åsa\n".encode("cp1252"), "inte UTF-8"),
    ],
)
def test_broken_xlsx_and_wrong_encodings_are_refused_whole(tmp_path, content, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, content)
    assert not Subscriber.objects.exists()


def test_a_file_with_too_many_rows_is_refused_whole(tmp_path, settings):
    settings.NETWORK_IMPORT_MAX_ROWS = 100
    lines = ["email"] + [f"p{n}@example.org" for n in range(101)]
    with pytest.raises(CommandError, match="fler än 100 rader"):
        run(tmp_path, "\n".join(lines))
    assert not Subscriber.objects.exists()


def test_duplicates_within_the_file_and_in_other_case_are_rejected(tmp_path):
    out, _ = run(tmp_path, "email\na@example.org\nA@EXAMPLE.ORG\n a@example.org \n")
    assert "Godkända rader: 1" in out and out.count("dubblett i filen (samma adress som rad 2)") == 2


def test_an_xlsx_that_unpacks_to_far_more_than_it_weighs_is_refused(tmp_path, settings):
    settings.NETWORK_IMPORT_MAX_BYTES = 100  # so an ordinary workbook counts as a zip bomb
    with pytest.raises(CommandError, match="för stor när den packas upp"):
        run(tmp_path, xlsx([["email"], ["a@example.org"]]), name="bomb.xlsx")
    assert not Subscriber.objects.exists()
