"""What an attachment must be: a PDF, DOCX, XLSX or ODF file, recognised by its content.

The extension only says which type to expect; the bytes must prove it. A PDF starts with
``%PDF-``. DOCX, XLSX and ODF files are zip archives: an OOXML file holds
``[Content_Types].xml`` and its main part (``word/document.xml``, ``xl/workbook.xml``), an ODF
file starts with a stored ``mimetype`` member naming its type and holds ``content.xml``. Archives
are read from their directory only, never extracted: the declared sizes must stay under
``APPLICATIONS_MAX_UNCOMPRESSED_SIZE`` in all and ``APPLICATIONS_MAX_COMPRESSION_RATIO`` per
member (zip bombs), and no member may be named with ``..``, a backslash or an absolute path.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from applications import conf

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"

TYPES_BY_EXTENSION = {"pdf": PDF, "docx": DOCX, "xlsx": XLSX, "odt": ODT, "ods": ODS, "odp": ODP}
OOXML_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
ACCEPT = ",".join(f".{extension}" for extension in TYPES_BY_EXTENSION)

# Members smaller than this are not held to the ratio: small XML parts compress very well.
RATIO_FLOOR = 1024 * 1024
NAME_MAX_LENGTH = 120
UNSAFE_NAME_CHARACTERS = re.compile(r"[^\w .()-]+")


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed: the name to show, the type its content proved and its size in bytes."""

    name: str
    content_type: str
    size: int


def safe_name(name, extension):
    """The applicant's file name without folders, control characters or anything a shell or a
    file system would read as special; never empty, always ending in ``extension``."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", str(name)))[-1]
    stem = base[: -(len(extension) + 1)] if base.lower().endswith(f".{extension}") else base
    stem = "".join(character for character in stem if unicodedata.category(character)[0] != "C")
    stem = UNSAFE_NAME_CHARACTERS.sub("_", stem).strip(" ._")[: NAME_MAX_LENGTH - len(extension) - 1]
    return f"{stem or _('bilaga')}.{extension}"


def _refuse(name, message):
    raise ValidationError(_("Filen %(name)s: %(problem)s") % {"name": name, "problem": message}, code="invalid_file")


def _check_archive(upload, expected, shown_name):
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse(shown_name, _("innehållet är inte ett dokument av den typ som filnamnet anger."))
    with archive:
        members = archive.infolist()
        if len(members) > conf.get("APPLICATIONS_MAX_ZIP_MEMBERS"):
            _refuse(shown_name, _("dokumentet innehåller för många delar."))
        total = 0
        for member in members:
            name = member.filename
            if name.startswith("/") or "\\" in name or ".." in name.split("/") or re.match(r"^[A-Za-z]:", name):
                _refuse(shown_name, _("dokumentet innehåller otillåtna sökvägar."))
            total += member.file_size
            if member.file_size >= RATIO_FLOOR and member.file_size > member.compress_size * conf.get(
                "APPLICATIONS_MAX_COMPRESSION_RATIO"
            ):
                _refuse(shown_name, _("dokumentet är onormalt hårt packat och tas inte emot."))
        if total > conf.get("APPLICATIONS_MAX_UNCOMPRESSED_SIZE"):
            _refuse(shown_name, _("dokumentet är för stort när det packas upp."))
        names = {member.filename for member in members}
        if expected in OOXML_MAIN_PART:
            proven = "[Content_Types].xml" in names and OOXML_MAIN_PART[expected] in names
        else:
            first = members[0] if members else None
            proven = (
                first is not None
                and first.filename == "mimetype"
                and first.compress_type == zipfile.ZIP_STORED
                and first.file_size <= 100
                and archive.read(first).strip() == expected.encode()
                and "content.xml" in names
            )
        if not proven:
            _refuse(shown_name, _("innehållet är inte ett dokument av den typ som filnamnet anger."))


def check_upload(upload):
    """The checked file, or a Swedish ``ValidationError`` that names it; reads the upload, then rewinds it."""
    raw_name = getattr(upload, "name", "") or ""
    extension = raw_name.rsplit(".", 1)[-1].lower() if "." in raw_name else ""
    expected = TYPES_BY_EXTENSION.get(extension)
    shown_name = safe_name(raw_name, extension or "okand")
    if expected is None:
        _refuse(shown_name, _("bara PDF, Word (DOCX), Excel (XLSX) och OpenDocument (ODT, ODS, ODP) tas emot."))
    size = upload.size or 0
    if size == 0:
        _refuse(shown_name, _("filen är tom."))
    limit = conf.get("APPLICATIONS_MAX_FILE_SIZE")
    if size > limit:
        _refuse(shown_name, _("filen är större än %(limit)s.") % {"limit": filesizeformat(limit)})
    upload.seek(0)
    if expected == PDF:
        if upload.read(5) != b"%PDF-":
            _refuse(shown_name, _("innehållet är inte ett dokument av den typ som filnamnet anger."))
    else:
        _check_archive(upload, expected, shown_name)
    upload.seek(0)
    return CheckedFile(name=shown_name, content_type=expected, size=size)
