"""Hostile uploads: every file is proven by its content; a refused or failed upload leaves nothing behind."""

import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage

from applications.models import Application, Attachment
from applications.uploads import check_upload, safe_name
from tests.applications.conftest import good_files, stored_files
from tests.applications.files import GOOD, PDF_BYTES, docx_bytes, odf_bytes, upload, zip_bomb, zip_bytes

pytestmark = pytest.mark.django_db

NOT_PROVEN = "innehållet är inte ett dokument av den typ som filnamnet anger"


@pytest.mark.parametrize("name", sorted(GOOD))
def test_real_files_of_each_type_pass_with_the_type_their_content_proves(name):
    content, content_type = GOOD[name]
    checked = check_upload(upload(name, content))
    assert (checked.name, checked.content_type, checked.size) == (name, content_type, len(content))


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("ansokan.pdf", docx_bytes(), NOT_PROVEN),
        ("ansokan.pdf", b"MZ\x90\x00 this is a Windows program", NOT_PROVEN),
        ("ansokan.pdf", b"<html><script>alert(1)</script></html>", NOT_PROVEN),
        ("ansokan.docx", PDF_BYTES, NOT_PROVEN),
        ("ansokan.docx", odf_bytes(), NOT_PROVEN),
        ("budget.xlsx", docx_bytes(), NOT_PROVEN),
        ("tidsplan.odt", odf_bytes("application/vnd.oasis.opendocument.spreadsheet"), NOT_PROVEN),
        ("tidsplan.odt", zip_bytes({"content.xml": "<x/>"}), NOT_PROVEN),
        ("tidsplan.odt", b"PK\x03\x04 broken", NOT_PROVEN),
        ("program.exe", b"MZ\x90\x00", "bara PDF, Word (DOCX), Excel (XLSX) och OpenDocument"),
        ("utan-filandelse", PDF_BYTES, "bara PDF, Word (DOCX), Excel (XLSX) och OpenDocument"),
        ("bild.svg", b"<svg onload='alert(1)'/>", "bara PDF"),
        ("tom.pdf", b"", "filen är tom"),
    ],
    ids=lambda value: value if isinstance(value, str) and "." in value else "",
)
def test_a_file_that_is_not_what_its_name_says_is_refused(name, content, problem):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content))
    assert problem in refused.value.messages[0]


def test_an_oversized_file_is_refused(settings):
    settings.APPLICATIONS_MAX_FILE_SIZE = 1024
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("stor.pdf", PDF_BYTES + b"0" * 2000))
    assert "filen är större än 1,0\xa0kB" in refused.value.messages[0]


def test_a_zip_bomb_is_refused_by_its_declared_ratio():
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("bomb.docx", zip_bomb()))
    assert "onormalt hårt packat" in refused.value.messages[0]


def test_a_zip_declaring_too_much_in_all_is_refused(settings):
    settings.APPLICATIONS_MAX_UNCOMPRESSED_SIZE = 1000
    content = zip_bytes(
        {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document>" + "x" * 2000 + "</w:document>"}
    )
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("stor.docx", content))
    assert "för stort när det packas upp" in refused.value.messages[0]


def test_a_zip_with_too_many_members_is_refused(settings):
    settings.APPLICATIONS_MAX_ZIP_MEMBERS = 10
    members = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}
    members.update({f"word/part{n}.xml": "<p/>" for n in range(20)})
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("manga.docx", zip_bytes(members)))
    assert "för många delar" in refused.value.messages[0]


@pytest.mark.parametrize("member", ["../../evil.xml", "/etc/passwd", "word\\..\\evil.xml", "C:/evil.xml", "a/../../b"])
def test_a_zip_with_path_names_leaving_the_archive_is_refused(member):
    content = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>", member: "x"})
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("ansokan.docx", content))
    assert "otillåtna sökvägar" in refused.value.messages[0]


def test_an_odf_file_must_start_with_its_stored_mimetype():
    compressed = zipfile.ZIP_DEFLATED
    content = zip_bytes(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}, compression=compressed
    )
    with pytest.raises(ValidationError):
        check_upload(upload("tidsplan.odt", content))


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("../../etc/passwd.pdf", "pdf", "passwd.pdf"),
        ("C:\\Users\\anna\\budget.xlsx", "xlsx", "budget.xlsx"),
        ("ansökan 2027 (slutlig).PDF", "pdf", "ansökan 2027 (slutlig).pdf"),
        ("a\x00b\x1b[31m.pdf", "pdf", "ab_31m.pdf"),
        ("<script>.pdf", "pdf", "script.pdf"),
        ("....pdf", "pdf", "bilaga.pdf"),
        (".htaccess.pdf", "pdf", "htaccess.pdf"),
        ("x" * 500 + ".docx", "docx", "x" * 115 + ".docx"),
    ],
)
def test_names_are_sanitised(name, extension, expected):
    assert safe_name(name, extension) == expected


@pytest.mark.parametrize(
    "hostile",
    [
        upload("ansokan.pdf", docx_bytes()),
        upload("bomb.docx", zip_bomb(16 * 1024 * 1024)),
        upload("tom.pdf", b""),
        upload("ansokan.docx", zip_bytes({"[Content_Types].xml": "x", "word/document.xml": "x", "../x": "x"})),
    ],
    ids=["wrong-type", "zip-bomb", "empty", "path-names"],
)
def test_one_hostile_file_among_good_ones_refuses_the_whole_application(
    post_application, application_data, unlimited_forms, hostile
):
    response = post_application({**application_data, "attachments": [*good_files(), hostile]})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_attachments_errors"' in html
    assert "Ansökan kunde inte skickas" in html
    assert Application.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert stored_files() == []


def test_too_many_files_are_refused(post_application, application_data, unlimited_forms, settings):
    settings.APPLICATIONS_MAX_FILES = 2
    files = [*good_files(), upload("mer.pdf", PDF_BYTES)]
    response = post_application({**application_data, "attachments": files})
    assert "Du kan bifoga högst 2 filer." in response.content.decode()
    assert Application.objects.count() == 0


def test_a_storage_failure_midway_leaves_no_half_case_and_no_stray_file(
    post_application, application_data, unlimited_forms, monkeypatch
):
    saved = []
    real_save = FileSystemStorage._save

    def save_then_fail(self, name, content):
        if saved:
            raise OSError("disk full")
        saved.append(name)
        return real_save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", save_then_fail)
    response = post_application({**application_data, "attachments": good_files()})

    assert response.status_code == 503
    assert "Bilagorna kunde inte sparas just nu" in response.content.decode()
    assert len(saved) == 1
    assert Application.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert stored_files() == []
