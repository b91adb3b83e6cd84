"""Attachment files for the tests, built in memory: real ones of each type, and hostile ones."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from applications.uploads import DOCX, ODS, ODT, PDF, XLSX

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def zip_bytes(members, *, mimetype=None, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        if mimetype is not None:
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes():
    return zip_bytes(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "_rels/.rels": '<?xml version="1.0"?><Relationships/>',
            "word/document.xml": '<?xml version="1.0"?><w:document/>',
        }
    )


def xlsx_bytes():
    workbook = Workbook()
    workbook.active.append(["Post", "Belopp"])
    workbook.active.append(["Personal", 120000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odf_bytes(mimetype=ODT):
    return zip_bytes(
        {"content.xml": "<office:document-content/>", "META-INF/manifest.xml": "<manifest/>"}, mimetype=mimetype
    )


GOOD = {
    "ansokan.pdf": (PDF_BYTES, PDF),
    "ansokan.docx": (docx_bytes(), DOCX),
    "budget.xlsx": (xlsx_bytes(), XLSX),
    "tidsplan.odt": (odf_bytes(ODT), ODT),
    "budget.ods": (odf_bytes(ODS), ODS),
}


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def zip_bomb(size=64 * 1024 * 1024):
    """A DOCX-shaped archive whose one big member is ``size`` zero bytes, compressed about 1000:1."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()
