"""Real server processes for the deployment tests: gunicorn, nginx and an S3-compatible store.

Each runs on a free port of its own, in its own process group, and is stopped by the test
that started it. ``served_database_url`` hands such a process the test's database.
"""

import http.client
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import boto3
import pytest
from django.db import connection

from tests.conftest import REQUIRE_SERVICES, ROOT, _database_url, free_port

BIN = Path(sys.executable).parent


def served_database_url(tmp_path):
    """A DATABASE_URL under which another process sees this test's (committed) data.

    PostgreSQL: the test database itself. SQLite: the in-memory test database copied to a
    file (sqlite3's backup API; use ``django_db(transaction=True)`` so everything is committed).
    """
    if connection.vendor != "sqlite":
        return _database_url()
    connection.ensure_connection()
    path = tmp_path / "served.sqlite3"
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


def require_binary(name, why):
    """The program's path; skip (or fail with REQUIRE_SERVICES=1) when it is not installed."""
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if path:
        return path
    message = f"{name} is not installed ({why})"
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
    pytest.skip(message)


def wait_for_http(url, process, timeout=60, name="server"):
    """Until the server answers ``url`` with any HTTP response (redirects are not followed)."""
    parsed = urlparse(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=2)
        try:
            conn.request("GET", parsed.path or "/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    raise RuntimeError(f"{name} did not answer at {url} in time")


class Process:
    """A server process of the test's own, stopped with its children (SIGTERM, then SIGKILL)."""

    name = "server"

    def __init__(self, command, env, probe_url, cwd=ROOT, log=None):
        self.command, self.env, self.probe_url, self.cwd, self.log = command, env, probe_url, cwd, log
        self.process = None

    def start(self):
        output = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            self.command, cwd=self.cwd, env=self.env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_for_http(self.probe_url, self.process, name=self.name)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Gunicorn(Process):
    """The site under gunicorn (sync workers), as the image runs it."""

    name = "gunicorn"

    def __init__(self, env, workers=2, log=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            str(BIN / "gunicorn"),
            "site_lycksele.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--no-control-socket",
        ]
        super().__init__(command, {**os.environ, **env}, f"{self.url}/healthz/live", log=log)


class S3Server(Process):
    """moto's standalone server: a real S3-compatible HTTP endpoint on a free port."""

    name = "moto_server"

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.port)]
        super().__init__(command, {**os.environ, **S3_CREDENTIALS}, f"{self.url}/moto-api/")

    def settings_env(self, bucket):
        """The environment that switches the site's media onto this server's bucket."""
        return {
            **S3_CREDENTIALS,
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_S3_REGION_NAME": "us-east-1",
        }

    def client(self):
        return boto3.client("s3", endpoint_url=self.url, region_name="us-east-1", **S3_CLIENT_CREDENTIALS)


S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "lycksele-test", "AWS_SECRET_ACCESS_KEY": "lycksele-test-secret"}
S3_CLIENT_CREDENTIALS = {
    "aws_access_key_id": S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
    "aws_secret_access_key": S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
}
