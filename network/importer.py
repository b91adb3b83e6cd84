"""Import of interest registrations from CSV or XLSX: all rows checked first, then one transaction.

One importer for the ``import_subscribers`` command and the admin's import screen.
A file that cannot be read as the expected CSV or XLSX (encoding, header, binary
content, too many rows) is refused whole with :class:`ImportFileError`; rows that
are wrong on their own (bad address, duplicate, suppressed, unknown organisation,
a value a spreadsheet would run as a formula) are rejected with a reason and the
rest are imported. What happens to the people is an explicit choice: they are sent
a confirmation email (and, as after a signup on the site, removed after 30 days if
they never confirm), or they are confirmed on a recorded legal basis with its date.
"""

import csv
import io
import logging
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, time

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from network import conf
from network.models import Organisation, Subscriber, SubscriberImport, Subscription, Suppression, email_hash
from network.signup import EMAIL_CONFIRM, queue_email

logger = logging.getLogger(__name__)

SEND_CONFIRMATION = SubscriberImport.Choice.SEND_CONFIRMATION
LEGAL_BASIS = SubscriberImport.Choice.LEGAL_BASIS
# Rows of each kind kept for the admin's preview.
PREVIEW_ROWS = 500
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAGIC = b"PK\x03\x04"
# An XLSX may unpack to this many times NETWORK_IMPORT_MAX_BYTES (real ones compress about tenfold).
XLSX_UNPACKED_RATIO = 20

COLUMNS = {
    "email": {"email", "e-post", "epost", "e-postadress", "mail"},
    "name": {"name", "namn"},
    "organisation": {"organisation", "organization", "org"},
    "role": {"role", "roll", "titel", "befattning"},
}
DELIMITERS = ",;\t"
MAX_LENGTHS = {"email": 254, "name": 200, "role": 200}
ORGANISATIONS = {
    **{value.lower(): value for value in Organisation.values},
    **{str(label).lower(): value for value, label in Organisation.choices},
}


class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing was written."""


@dataclass
class ImportReport:
    accepted: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    created: int = 0
    added: int = 0


def read_rows(data):
    """Parse ``data`` (the bytes of a CSV or XLSX file); returns (line, row dict or None, problem) triples.

    Raises ImportFileError for a file that cannot be imported at all.
    """
    if not data.strip():
        raise ImportFileError("Filen är tom.")
    if data.startswith(XLSX_MAGIC):
        return rows_of(xlsx_records(data))
    if b"\x00" in data:
        raise ImportFileError("Filen är ingen textfil (den innehåller binära data). Spara den som CSV och försök igen.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"Filen är inte UTF-8-kodad (fel vid byte {error.start}). Spara den som ”CSV UTF-8” och försök igen."
        ) from error
    header_line = text.splitlines()[0]
    delimiter = max(DELIMITERS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return rows_of((reader.line_num, values) for values in reader)
    except csv.Error as error:
        raise ImportFileError(f"Filen är inte en giltig CSV-fil (rad {reader.line_num}): {error}.") from error


def xlsx_records(data):
    """(row number, cell texts) of the first sheet of an XLSX file; formulas come as their text ("=…")."""
    workbook = open_workbook(data)
    try:
        sheet = workbook.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, ["" if value is None else cell_text(value) for value in cells]
    finally:
        workbook.close()


def open_workbook(data):
    """The workbook of an XLSX file, refused if it is not one or unpacks to far more than it weighs (a zip bomb)."""
    unpacked_limit = XLSX_UNPACKED_RATIO * conf.get("NETWORK_IMPORT_MAX_BYTES")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > unpacked_limit:
            raise ImportFileError("Excel-filen är för stor när den packas upp. Dela upp den i flera filer.")
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ImportFileError("Filen är ingen läsbar Excel-fil (XLSX). Spara den på nytt och försök igen.") from error


def cell_text(value):
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows_of(records):
    """Rows from (line, values) records whose first one is the header."""
    limit = conf.get("NETWORK_IMPORT_MAX_ROWS")
    records = iter(records)
    header = next(records, (0, []))[1]
    while header and not str(header[-1]).strip():
        header = header[:-1]  # spreadsheets pad rows with empty cells
    columns = [column_for(name) for name in header]
    unknown = [name for name, column in zip(header, columns, strict=True) if column is None]
    if unknown:
        raise ImportFileError(
            f"Okända kolumner i rubrikraden: {', '.join(repr(name) for name in unknown)}. "
            "Tillåtna kolumner: email, name, organisation, role (eller e-post, namn, organisation, roll)."
        )
    if "email" not in columns:
        raise ImportFileError("Rubrikraden saknar kolumnen ”email” (eller ”e-post”).")
    if len(set(columns)) != len(columns):
        raise ImportFileError("Rubrikraden har samma kolumn flera gånger.")
    rows = []
    for line, values in records:
        if not any(value.strip() for value in values):
            continue
        if len(rows) >= limit:
            raise ImportFileError(f"Filen har fler än {limit} rader. Dela upp den i flera filer.")
        if len(values) > len(columns) and not any(value.strip() for value in values[len(columns) :]):
            values = values[: len(columns)]
        if len(values) != len(columns):
            rows.append((line, None, f"fel antal fält ({len(values)} i stället för {len(columns)})"))
            continue
        rows.append((line, dict(zip(columns, values, strict=True)), None))
    return rows


def column_for(name):
    name = name.strip().lower()
    return next((column for column, aliases in COLUMNS.items() if name in aliases), None)


def check_rows(rows, mailing_list):
    """Split rows into accepted (cleaned dicts) and rejected (line, reason) without writing anything."""
    report = ImportReport()
    suppressions = Suppression.objects.for_association(mailing_list.association_id)
    suppressed = set(suppressions.values_list("email_hash", flat=True))
    people = Subscriber.objects.filter(association_id=mailing_list.association_id)
    existing = {s.email.lower(): s for s in people.only("pk", "email", "confirmed_at")}
    on_list = {
        subscriber_id: unsubscribed
        for subscriber_id, unsubscribed in Subscription.objects.filter(mailing_list=mailing_list).values_list(
            "subscriber_id", "unsubscribed_at"
        )
    }
    seen = {}
    for line, row, problem in rows:
        if problem is None:
            problem, row = check_row(row, line, seen, suppressed, existing, on_list)
        if problem:
            report.rejected.append((line, problem))
        else:
            report.accepted.append(row)
    return report


def preview_of(report):
    """What the admin's preview shows of a checked file: a sample of accepted rows, the rejected ones, counts."""
    labels = dict(Organisation.choices)
    return {
        "accepted": [
            {
                "line": row["line"],
                "email": row["email"],
                "name": row.get("name", ""),
                "organisation": str(labels.get(row.get("organisation", ""), "")),
                "role": row.get("role", ""),
                "known": row["subscriber"] is not None,
            }
            for row in report.accepted[:PREVIEW_ROWS]
        ],
        "rejected": [{"line": line, "reason": reason} for line, reason in report.rejected[:PREVIEW_ROWS]],
    }


def check_row(row, line, seen, suppressed, existing, on_list):
    row = {key: value.strip() for key, value in row.items()}
    email = row["email"]
    formula = next((key for key, value in row.items() if len(value) > 1 and value.startswith(FORMULA_PREFIXES)), None)
    if formula:
        return f"{formula} börjar med ”{row[formula][0]}” och skulle läsas som en formel i kalkylprogram", None
    for column, limit in MAX_LENGTHS.items():
        if len(row.get(column, "")) > limit:
            return f"{column} är längre än {limit} tecken", None
    try:
        validate_email(email)
    except ValidationError:
        return f"ogiltig e-postadress: {email!r}", None
    key = email.lower()
    if key in seen:
        return f"dubblett i filen (samma adress som rad {seen[key]})", None
    seen[key] = line
    if email_hash(email) in suppressed:
        return "adressen är spärrad (studsat, anmält skräppost, avregistrerat eller raderad)", None
    organisation = row.get("organisation", "")
    if organisation:
        if organisation.lower() not in ORGANISATIONS:
            return f"okänd organisation: {organisation!r}", None
        row["organisation"] = ORGANISATIONS[organisation.lower()]
    subscriber = existing.get(key)
    if subscriber is not None and subscriber.pk in on_list:
        if on_list[subscriber.pk] is not None:
            return "personen har avregistrerat sig från listan", None
        return "finns redan på listan", None
    row["subscriber"] = subscriber
    row["line"] = line
    return None, row


def import_rows(report, mailing_list, *, choice, source_name, legal_basis="", consent_date=None, user=None):
    """Write the accepted rows in one transaction, with an audit-log entry; returns how many are mailed to confirm.

    ``choice`` is SEND_CONFIRMATION (new people stay unconfirmed and get a confirmation email after
    commit) or LEGAL_BASIS (everyone is confirmed on ``legal_basis``, given on ``consent_date``).
    """
    confirmed = choice == LEGAL_BASIS
    if confirmed and not legal_basis:
        raise ValueError("a legal basis is required to import people as confirmed")
    now = timezone.now()
    consent_at = timezone.make_aware(datetime.combine(consent_date, time(12))) if consent_date else now
    confirmed_at = now if confirmed else None
    consent_text = (
        f"{legal_basis} ({consent_date or timezone.localdate()}), importerad från {source_name}."
        if confirmed
        else f"Intresseanmälan importerad från {source_name}; bekräftelse begärd per e-post."
    )
    with transaction.atomic():
        new = [
            Subscriber(
                association_id=mailing_list.association_id,
                email=row["email"],
                name=row.get("name", ""),
                organisation=row.get("organisation", ""),
                role=row.get("role", ""),
                confirmed_at=confirmed_at,
                consent_text=consent_text,
                consent_at=consent_at,
                consent_source="import",
                legal_basis=legal_basis if confirmed else "",
            )
            for row in report.accepted
            if row["subscriber"] is None
        ]
        Subscriber.objects.bulk_create(new, batch_size=1000)
        by_email = {
            s.email.lower(): s for s in Subscriber.objects.filter(pk__in=[s.pk for s in new]).only("pk", "email")
        }
        people = [row["subscriber"] or by_email[row["email"].lower()] for row in report.accepted]
        if confirmed:
            Subscriber.objects.filter(pk__in=[p.pk for p in people], confirmed_at__isnull=True).update(
                confirmed_at=now, legal_basis=legal_basis
            )
        Subscription.objects.bulk_create(
            [Subscription(subscriber=p, mailing_list=mailing_list, confirmed_at=confirmed_at) for p in people],
            batch_size=1000,
        )
        report.created = len(new)
        report.added = len(people)
        log(
            mailing_list,
            "network.import",
            user=user,
            data={
                "file": source_name,
                "accepted": len(report.accepted),
                "rejected": len(report.rejected),
                "created": report.created,
                "choice": choice,
                "confirmed": confirmed,
                "legal_basis": legal_basis if confirmed else "",
                "consent_date": consent_date.isoformat() if consent_date else None,
            },
        )
        to_confirm = [] if confirmed else [s.pk for s in new]
        for pk in to_confirm:
            transaction.on_commit(lambda pk=pk: queue_email(pk, EMAIL_CONFIRM))
    return len(to_confirm)


def run_queued(import_id):
    """Run an import an editor confirmed after its preview: check the rows again, then write all or nothing.

    Only a queued import starts, so running this twice imports once. Progress (rows
    checked) is written as it goes; the writing itself is one transaction.
    """
    Import = SubscriberImport
    if not Import.objects.filter(pk=import_id, state=Import.State.QUEUED).update(state=Import.State.RUNNING):
        return
    job = Import.objects.select_related("mailing_list", "created_by").get(pk=import_id)
    try:
        rows = read_rows(bytes(job.data))
        report = check_rows(_counting(rows, import_id), job.mailing_list)
        if not report.accepted:
            raise ImportFileError("Inga godkända rader fanns kvar när importen startade.")
        mailed = import_rows(
            report,
            job.mailing_list,
            choice=job.choice,
            source_name=job.file_name,
            legal_basis=job.legal_basis,
            consent_date=job.consent_date,
            user=job.created_by,
        )
    except Exception as error:  # noqa: BLE001 - the editor is told; nothing was written
        logger.exception("Import %s failed", import_id)
        message = str(error) if isinstance(error, ImportFileError) else "Ett oväntat fel inträffade."
        Import.objects.filter(pk=import_id).update(
            state=Import.State.FAILED, error=f"Inget importerades. {message}", finished_at=timezone.now(), data=b""
        )
        return
    Import.objects.filter(pk=import_id).update(
        state=Import.State.DONE,
        processed=len(rows),
        accepted=len(report.accepted),
        rejected=len(report.rejected),
        created=report.created,
        mailed=mailed,
        finished_at=timezone.now(),
        data=b"",
    )


def _counting(rows, import_id, every=500):
    """The rows, recording every ``every`` rows how many were checked."""
    for done, row in enumerate(rows, start=1):
        yield row
        if done % every == 0:
            SubscriberImport.objects.filter(pk=import_id).update(processed=done)
