"""The OpenAPI document against the running API: schemathesis finds no server error and no contradiction."""

import pytest
import schemathesis
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


@pytest.fixture
def content(add_page):
    public = add_page("Samverkan publik", intro="Om samverkan.")
    add_page("Hemlig", restricted="password")
    return public


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case, content):
    case.call_and_validate(checks=CHECKS)
