"""Two requests that write at the same moment on SQLite: the second waits instead of failing.

This is what an autosave and a "Publicera" a moment later do. The database file is a
temporary one opened with the project's own SQLite options, in two threads.
"""

import threading

import pytest
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.db.utils import OperationalError

from site_lycksele.settings import base


@pytest.fixture(autouse=True)
def allow_other_databases(django_db_blocker):
    with django_db_blocker.unblock():
        yield


def wrapper(path, options):
    settings = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": options,
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TEST": {},
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
    }
    return DatabaseWrapper(settings, alias=f"writer-{threading.get_ident()}")


def race(path, options):
    """Two transactions that each read, then write while the other holds its transaction open."""
    setup = wrapper(path, options)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS revision (id INTEGER PRIMARY KEY, text TEXT)")
    setup.close()
    both_inside = threading.Barrier(2, timeout=5)
    errors = []

    def write(text):
        connection = wrapper(path, options)
        connections[connection.alias] = connection
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM revision")
                try:
                    both_inside.wait(timeout=1)
                except threading.BrokenBarrierError:
                    pass  # IMMEDIATE: the other one waits at BEGIN, so they never meet inside.
                cursor.execute("INSERT INTO revision (text) VALUES (%s)", [text])
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connection.close()
            del connections[connection.alias]

    threads = [threading.Thread(target=write, args=(text,)) for text in ("autosave", "publish")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check = wrapper(path, options)
    with check.cursor() as cursor:
        cursor.execute("SELECT text FROM revision ORDER BY text")
        rows = [row[0] for row in cursor.fetchall()]
    check.close()
    return errors, rows


def test_two_simultaneous_writers_both_commit_with_the_project_sqlite_options(tmp_path):
    errors, rows = race(tmp_path / "site.sqlite3", base.SQLITE_OPTIONS)
    assert errors == []
    assert rows == ["autosave", "publish"]


def test_without_them_one_of_the_writers_fails_as_the_editors_saw(tmp_path):
    errors, rows = race(tmp_path / "site.sqlite3", {"timeout": 20})
    assert errors == ["database is locked"]
    assert len(rows) == 1
