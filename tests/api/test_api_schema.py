"""The OpenAPI document against the running API: schemathesis finds no server error and no contradiction."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from site_lycksele.wsgi import application

# Bad values are answered with a documented 400, so "valid data rejected" is not checked.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_wsgi("/api/v2/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Calling the WSGI app directly would close the test's database connection after each
    request (Django's test client disconnects this handler for the same reason)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def content(add_page):
    public = add_page("Samverkan publik", intro="Om samverkan.")
    add_page("Hemlig", restricted="password")
    return public


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case, content):
    # The body is checked as sent to a client that asks for no compression (tests/test_compression.py has the rest).
    case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})
