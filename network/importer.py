"""Import of paper interest registrations from CSV: all rows checked first, then one transaction.

A file that cannot be read as the expected CSV (encoding, header, binary
content) is refused whole with :class:`ImportFileError`; rows that are wrong
on their own (bad address, duplicate, suppressed, unknown organisation) are
rejected with a reason and the rest are imported.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from network.models import Organisation, Subscriber, Subscription, Suppression, email_hash

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
    """Decode and parse ``data`` (bytes); returns (line number, row dict) pairs or raises ImportFileError."""
    if not data.strip():
        raise ImportFileError("Filen är tom.")
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
        header = next(reader)
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
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(columns):
                rows.append((reader.line_num, None, f"fel antal fält ({len(values)} i stället för {len(columns)})"))
                continue
            rows.append((reader.line_num, dict(zip(columns, values, strict=True)), None))
    except csv.Error as error:
        raise ImportFileError(f"Filen är inte en giltig CSV-fil (rad {reader.line_num}): {error}.") from error
    return rows


def column_for(name):
    name = name.strip().lower()
    return next((column for column, aliases in COLUMNS.items() if name in aliases), None)


def check_rows(rows, mailing_list):
    """Split rows into accepted (cleaned dicts) and rejected (line, reason) without writing anything."""
    report = ImportReport()
    suppressed = set(Suppression.objects.values_list("email_hash", flat=True))
    existing = {s.email.lower(): s for s in Subscriber.objects.all().only("pk", "email", "confirmed_at")}
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


def check_row(row, line, seen, suppressed, existing, on_list):
    row = {key: value.strip() for key, value in row.items()}
    email = row["email"]
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


def import_rows(report, mailing_list, *, confirmed, legal_basis, source_name):
    """Write the accepted rows in one transaction; returns the ids of new unconfirmed subscribers."""
    now = timezone.now()
    confirmed_at = now if confirmed else None
    with transaction.atomic():
        new = [
            Subscriber(
                email=row["email"],
                name=row.get("name", ""),
                organisation=row.get("organisation", ""),
                role=row.get("role", ""),
                confirmed_at=confirmed_at,
                consent_text=f"Intresseanmälan på papper, importerad från {source_name}.",
                consent_at=now,
                consent_source="import",
                legal_basis=legal_basis,
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
    return [s.pk for s in new] if not confirmed else []
