"""Log lines an operator can follow (time, level, logger, request id; JSON on request) and Sentry."""

import gzip
import io
import json
import logging
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import pytest
import sentry_sdk

from site_lycksele.observability import JsonFormatter, RequestIdFilter
from tests.conftest import ROOT


@pytest.fixture
def json_log():
    """The site's JSON formatter and request-id filter on the root logger, written to a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("lb-7f3a-0001", True),
        ("0f8fad5b-d9cb-469f-a165-70867728950e", True),
        ("Root=1-67891233-abcdef012345678912345678", False),  # "=" is not in the sane set
        ("two words", False),
        ("line\r\nX-Injected: 1", False),
        ("<script>", False),
        ("x" * 129, False),
        ("", False),
    ],
)
def test_a_sane_incoming_request_id_is_kept_and_anything_else_replaced(client, sent, kept):
    response = client.get("/healthz/live", headers={"X-Request-ID": sent} if sent else {})
    returned = response["X-Request-ID"]
    if kept:
        assert returned == sent
    else:
        assert returned != sent
        assert len(returned) == 32 and int(returned, 16) >= 0


def test_two_requests_without_an_id_get_different_ones(client):
    assert client.get("/healthz/live")["X-Request-ID"] != client.get("/healthz/live")["X-Request-ID"]


@pytest.mark.django_db
def test_a_log_line_written_during_a_request_carries_its_id(client, json_log, home_page):
    client.get("/finns-inte/", headers={"X-Request-ID": "req-404-check"})
    lines = json_log()
    not_found = [line for line in lines if line["logger"] == "django.request"]
    assert not_found, lines
    assert not_found[0]["request_id"] == "req-404-check"
    assert not_found[0]["level"] == "WARNING"
    assert "/finns-inte/" in not_found[0]["message"]
    # Outside a request the id is "-".
    logging.getLogger("network.tasks").warning("utanför en förfrågan")
    assert json_log()[-1]["request_id"] == "-"


def run_site_script(script, **env):
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "site_lycksele.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


LOG_SCRIPT = """
import django, logging
django.setup()
logging.getLogger("network.tasks").warning("Could not queue mailing %s", 7)
"""


def test_log_format_json_writes_one_json_object_per_line_from_the_settings():
    result = run_site_script(LOG_SCRIPT, LOG_FORMAT="json")
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "network.tasks"
    assert line["message"] == "Could not queue mailing 7"
    assert line["request_id"] == "-"
    assert line["time"].endswith("+00:00") and "T" in line["time"]


def test_the_text_format_carries_time_level_logger_and_request_id():
    result = run_site_script(LOG_SCRIPT, LOG_FORMAT="text")
    line = result.stderr.strip().splitlines()[-1]
    assert line.endswith(" WARNING network.tasks [-] Could not queue mailing 7")
    assert line[:4].isdigit() and line[4] == "-"  # starts with the date


class SentryIngest(BaseHTTPRequestHandler):
    """Sentry's envelope endpoint, keeping what it was sent."""

    received = []

    def do_POST(self):  # noqa: N802 (the handler's API)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        # sentry-sdk compresses with Brotli when it is installed (WeasyPrint's fonttools brings it), else gzip.
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        elif self.headers.get("Content-Encoding") == "br":
            body = brotli.decompress(body)
        type(self).received.append((self.path, body.decode()))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


SENTRY_SCRIPT = """
import django, logging, sentry_sdk
django.setup()
from site_lycksele.observability import current_request_id
current_request_id.set("req-sentry-1")
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("network.tasks").exception("Sending failed")
sentry_sdk.flush(timeout=10)
"""


def test_errors_go_to_sentry_when_a_dsn_is_set_with_the_request_id():
    server = ThreadingHTTPServer(("127.0.0.1", 0), SentryIngest)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    SentryIngest.received.clear()
    try:
        run_site_script(SENTRY_SCRIPT, SENTRY_DSN=f"http://publickey@127.0.0.1:{server.server_port}/42")
    finally:
        server.shutdown()
    events = [body for path, body in SentryIngest.received if path.startswith("/api/42/")]
    assert any("ZeroDivisionError" in body and "Sending failed" in body for body in events), events
    assert any('"request_id":"req-sentry-1"' in body.replace(" ", "") for body in events)


def test_without_a_dsn_sentry_is_a_no_op():
    assert not os.environ.get("SENTRY_DSN")
    assert not sentry_sdk.get_client().is_active()
