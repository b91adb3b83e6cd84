"""Backups that restore: demo content and media backed up, wiped, restored and compared.

On PostgreSQL (CI's services run) the archive holds pg_dump's dump and the restore runs
pg_restore; on SQLite a copy of the database. The restore purges the page cache.
"""

import hashlib
import io
import sqlite3
import tarfile

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from home import content_cache
from site_lycksele.backup import storage_files

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def row_counts():
    return {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
    }


def media_files():
    def digest(name):
        with default_storage.open(name, "rb") as content:
            return hashlib.sha256(content.read()).hexdigest()

    return {name: digest(name) for name in storage_files(default_storage)}


def wipe_database():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    else:
        connection.ensure_connection()
        with sqlite3.connect(":memory:") as empty:
            empty.backup(connection.connection)
        empty.close()
    assert "wagtailcore_page" not in connection.introspection.table_names()


def test_backup_wipe_restore_gives_back_every_row_and_file(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    image = get_image_model().objects.create(title="Logotyp", file=get_test_image_file())
    image.get_rendition("fill-80x80")
    get_document_model().objects.create(title="Ansökan", file=ContentFile(b"%PDF-1.4 ansokan", name="ansokan.pdf"))
    counts, files = row_counts(), media_files()
    assert counts["wagtailcore_page"] > 10 and counts["wagtailimages_rendition"] == 1
    assert len(files) >= 3  # original, rendition, document

    archive = tmp_path / "lycksele.tar.gz"
    call_command("backup_site", str(archive), stderr=io.StringIO())

    wipe_database()
    for name in files:
        default_storage.delete(name)
    default_storage.save("documents/kvarglomd.txt", ContentFile(b"inte i kopian"))
    version_before = content_cache.current_version()

    call_command("restore_site", str(archive), stderr=io.StringIO())

    assert row_counts() == counts
    assert media_files() == files
    assert content_cache.current_version() != version_before


def test_a_restore_refuses_an_archive_member_that_would_leave_the_media(tmp_path):
    archive = tmp_path / "elak.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("media/../../etc/elak.txt")
        payload = b"x"
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    pages = row_counts()["wagtailcore_page"]
    with pytest.raises(CommandError, match="Återställningen misslyckades"):
        call_command("restore_site", str(archive), stderr=io.StringIO())
    assert row_counts()["wagtailcore_page"] == pages
    assert not (settings.MEDIA_ROOT.parent.parent / "etc" / "elak.txt").exists()


def test_a_restore_refuses_a_file_that_is_no_archive_and_changes_nothing(tmp_path):
    archive = tmp_path / "trasig.tar.gz"
    archive.write_bytes(b"PGDMP inte en tar-fil")
    counts = row_counts()
    with pytest.raises(CommandError, match="inget komplett arkiv"):
        call_command("restore_site", str(archive), stderr=io.StringIO())
    assert row_counts() == counts
