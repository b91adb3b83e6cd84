"""Logs an operator can follow: every line carries time, level, logger and the request id.

A request keeps the id it came with (``X-Request-ID`` from the reverse proxy, if it is a
sane token) or gets a new one; the response returns it, every log line written while the
request runs carries it, and so does an error sent to Sentry. Outside a request (Celery
tasks, commands) the id is ``-``. ``LOG_FORMAT=json`` writes one JSON object per line.
"""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

import sentry_sdk

REQUEST_ID_HEADER = "X-Request-ID"
NO_REQUEST = "-"
# Letters, digits and ``-_.:@``, at most 128 characters: what proxies and load balancers send
# (nginx's $request_id, UUIDs, AWS trace ids). Anything else is replaced, so a client cannot
# write line breaks or markup into the logs.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9_.:@-]{1,128}")

current_request_id = ContextVar("request_id", default=NO_REQUEST)


def incoming_request_id(value):
    """The client's or proxy's request id if it is sane, else a new one."""
    if value and SANE_REQUEST_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Give the request an id, keep it for the log lines of the request and return it.

    First in MIDDLEWARE, so responses from the page cache carry it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = incoming_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        # Kept until the response is finished (forget_request_id): Django logs a 4xx or 5xx
        # response only after it has left the middleware.
        current_request_id.set(request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


def forget_request_id(**kwargs):
    """``request_finished``: what the thread logs next belongs to no request."""
    current_request_id.set(NO_REQUEST)


class RequestIdFilter(logging.Filter):
    """Put the current request id on every record (``%(request_id)s``)."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, request_id, message."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", NO_REQUEST),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def logging_config(log_format, level):
    """The LOGGING setting: console output in the chosen format, with the request id."""
    formatter = {"()": JsonFormatter} if log_format == "json" else {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"default": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "default", "filters": ["request_id"]}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django_tasks": {"level": "WARNING"},
            "wagtail": {"level": "WARNING"},
            "axes": {"level": "WARNING"},
            # WeasyPrint (home.printed) logs each rendering step and its font subsetting at INFO.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }


def tag_request_id(event, hint):
    """Sentry's ``before_send``: the event names the request id the logs carry."""
    request_id = current_request_id.get()
    if request_id != NO_REQUEST:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def init_sentry(dsn, *, environment, release, traces_sample_rate):
    """Send errors to Sentry (Django and Celery are picked up by sentry-sdk's integrations)."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        before_send=tag_request_id,
    )


class AccessLogRequestIdFilter(logging.Filter):
    """gunicorn's access lines: the request id is the one the response returned."""

    def filter(self, record):
        atoms = record.args if isinstance(record.args, dict) else {}
        record.request_id = atoms.get("{x-request-id}o") or NO_REQUEST
        return True


def gunicorn_logging_config(log_format, level):
    """gunicorn's ``logconfig_dict``: its error and access lines in the same format as the site's."""
    config = logging_config(log_format, level)
    config["filters"]["access_request_id"] = {"()": AccessLogRequestIdFilter}
    config["handlers"]["access"] = {**config["handlers"]["console"], "filters": ["access_request_id"]}
    config["loggers"]["gunicorn.error"] = {"handlers": ["console"], "level": level, "propagate": False}
    config["loggers"]["gunicorn.access"] = {"handlers": ["access"], "level": "INFO", "propagate": False}
    return config
