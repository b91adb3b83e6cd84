"""Backups that restore: the database and every media file in one gzipped tar stream.

The archive holds ``database.dump`` (pg_dump's custom format; on SQLite a copy of the database
file, ``database.sqlite3``) and ``media/<name>`` for each file of the default storage, so it
works the same for the MEDIA_ROOT folder and for an S3 bucket. A restore replaces the
database's contents and makes the storage hold exactly the archive's files, then purges the
page cache: nothing rendered before the restore is served after it.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection

from site_lycksele.cache import purge

POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media/"


class BackupError(Exception):
    """Why a backup or restore stopped, in Swedish (the commands show it to the operator)."""


def libpq_environment():
    """pg_dump/pg_restore reach the configured database through libpq's variables (no password
    on the command line)."""
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGHOST": db["HOST"] or "127.0.0.1"}
    for key, variable in (("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def storage_files(storage, folder=""):
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from storage_files(storage, f"{folder}/{directory}" if folder else directory)


def dump_database(workdir):
    if connection.vendor == "postgresql":
        path = workdir / POSTGRES_DUMP
        run(["pg_dump", "--format=custom", "--no-owner", "--file", str(path)])
        return path
    if connection.vendor == "sqlite":
        path = workdir / SQLITE_COPY
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
        return path
    raise BackupError(f"Säkerhetskopior stöder PostgreSQL och SQLite, inte {connection.vendor}.")


def load_database(path, name):
    if name == POSTGRES_DUMP and connection.vendor == "postgresql":
        connection.close()
        database = connection.settings_dict["NAME"]
        run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                database,
                str(path),
            ]
        )
        return
    if name == SQLITE_COPY and connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)
        source.close()
        return
    raise BackupError(f"Arkivets {name} kan inte återställas till {connection.vendor}.")


def run(command):
    result = subprocess.run(command, env=libpq_environment(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} misslyckades: {result.stderr.strip()}")


def write_backup(stream):
    """Write the database and the media files to ``stream``; returns (database name, file count)."""
    count = 0
    with tempfile.TemporaryDirectory(prefix="lycksele-backup-") as workdir:
        dump = dump_database(Path(workdir))
        with tarfile.open(fileobj=stream, mode="w|gz") as archive:
            archive.add(dump, arcname=dump.name)
            for name in storage_files(default_storage):
                info = tarfile.TarInfo(MEDIA + name)
                info.size = default_storage.size(name)
                with default_storage.open(name, "rb") as content:
                    archive.addfile(info, content)
                count += 1
    return dump.name, count


def media_name(member):
    """The storage name of an archive member under media/, refusing anything that could escape."""
    path = PurePosixPath(member.name.removeprefix(MEDIA))
    if not member.isfile() or path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Arkivet innehåller en otillåten fil: {member.name!r}.")
    return str(path)


def restore_backup(stream):
    """Replace the database and the media with the archive's; returns the number of files restored."""
    try:
        return restore_archive(stream)
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(f"Filen är inget komplett arkiv från backup_site ({error}).") from error


def restore_archive(stream):
    before = set(storage_files(default_storage))
    restored, database = set(), False
    with tempfile.TemporaryDirectory(prefix="lycksele-restore-") as workdir:
        with tarfile.open(fileobj=stream, mode="r|gz") as archive:
            for member in archive:
                if member.name in (POSTGRES_DUMP, SQLITE_COPY):
                    path = Path(workdir) / member.name
                    with archive.extractfile(member) as content, open(path, "wb") as target:
                        shutil.copyfileobj(content, target)
                    load_database(path, member.name)
                    database = True
                elif member.name.startswith(MEDIA):
                    name = media_name(member)
                    if default_storage.exists(name):
                        default_storage.delete(name)
                    saved = default_storage.save(name, File(archive.extractfile(member)))
                    if saved != name:
                        raise BackupError(f"Lagringen döpte om {name} till {saved}.")
                    restored.add(name)
    if not database:
        raise BackupError("Arkivet innehåller ingen databas.")
    for name in before - restored:
        default_storage.delete(name)
    purge()
    return len(restored)
