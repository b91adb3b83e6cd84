"""An email backend for tests with a real worker: anymail's test backend that the test process can observe.

It appends one line per accepted recipient (``<email>\t<pid>\t<time>``) to the
file named by NETWORK_TEST_MAIL_LOG, in one write per call, and keeps no outbox.
Faults are switched on through the environment (the worker inherits it):

- NETWORK_TEST_FAIL_RATE: share of calls that fail with HTTP NETWORK_TEST_FAIL_STATUS (default 503);
- NETWORK_TEST_SLOW_CALLS / NETWORK_TEST_SLOW_SECONDS: the first calls of each process take this long;
  past the backend's ``timeout`` they time out like an HTTP client would, accepting nothing;
- NETWORK_TEST_REJECT: addresses containing this text come back with status "rejected";
- NETWORK_TEST_PAUSE_AT: once the log holds this many lines, the next call touches
  ``<log>.paused`` and hangs before sending, so a test can kill the worker there.
"""

import os
import random
import time
from pathlib import Path

import requests
from anymail.backends.test import EmailBackend as AnymailTestBackend
from anymail.exceptions import AnymailRequestsAPIError
from anymail.message import AnymailRecipientStatus

CALLS = [0]  # calls in this process, across backend instances


class EmailBackend(AnymailTestBackend):
    def __init__(self, *args, timeout=None, **kwargs):
        kwargs.pop("requests_timeout", None)
        super().__init__(*args, **kwargs)
        self.timeout = timeout
        # Seeded afresh for every connection: one seed per process would repeat the same
        # failures at the start of every task, so the same deliveries would fail every time.
        self.random = random.Random()  # noqa: S311 - fault injection, not security

    def post_to_esp(self, payload, message):
        CALLS[0] += 1
        log = Path(os.environ["NETWORK_TEST_MAIL_LOG"])
        self.maybe_pause(log)
        self.maybe_slow()
        if self.random.random() < float(os.environ.get("NETWORK_TEST_FAIL_RATE", "0")):
            response = requests.Response()
            response.status_code = int(os.environ.get("NETWORK_TEST_FAIL_STATUS", "503"))
            response.reason, response._content = "Simulated", b"simulated provider error"
            raise AnymailRequestsAPIError("simulated provider error", response=response)
        reject = os.environ.get("NETWORK_TEST_REJECT")
        statuses = {}
        accepted = []
        for email in payload.recipient_emails:
            rejected = bool(reject) and reject in email
            statuses[email] = AnymailRecipientStatus(
                message_id=f"{os.getpid()}-{CALLS[0]}-{email}", status="rejected" if rejected else "sent"
            )
            if not rejected:
                accepted.append(email)
        with log.open("a") as file:
            file.write("".join(f"{email}\t{os.getpid()}\t{time.time():.3f}\n" for email in accepted))
        return {"recipient_status": statuses}

    def maybe_pause(self, log):
        pause_at = os.environ.get("NETWORK_TEST_PAUSE_AT")
        if pause_at and log.exists() and log.read_text().count("\n") >= int(pause_at):
            Path(f"{log}.paused").touch()
            time.sleep(3600)

    def maybe_slow(self):
        if CALLS[0] > int(os.environ.get("NETWORK_TEST_SLOW_CALLS", "0")):
            return
        seconds = float(os.environ.get("NETWORK_TEST_SLOW_SECONDS", "0"))
        if self.timeout is not None and seconds > self.timeout:
            time.sleep(self.timeout)
            raise AnymailRequestsAPIError("simulated provider timeout: read timed out")
        time.sleep(seconds)
