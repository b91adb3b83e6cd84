"""Form fuzzing: whatever is posted, no server error, and either one complete case or nothing at all."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applications.models import Application, Attachment
from tests.applications.conftest import stored_files
from tests.applications.files import GOOD, PDF_BYTES, docx_bytes, upload, zip_bytes

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", " ", "\x00", "a@b", "<script>alert(1)</script>", "x" * 5000, "anna@example.org", "1"]),
    st.emails(),
)
dates = st.one_of(
    st.dates().map(str), st.sampled_from(["2027-01-01", "2027-12-31", "0000-00-00", "31/12/2027", "", "\x00"]), text
)
numbers = st.one_of(st.integers().map(str), st.sampled_from(["", "1e9", "-1", "9" * 40, "12 000", "\x00"]), text)
file_contents = st.one_of(
    st.binary(max_size=2000),
    st.sampled_from(
        [PDF_BYTES, docx_bytes(), b"", zip_bytes({"../a": "x"}), *(content for content, _ in GOOD.values())]
    ),
)
file_names = st.one_of(
    st.sampled_from([*GOOD, "x.pdf", "../x.pdf", "a\x00.pdf", "", ".docx", "x.exe", "C:\\x.xlsx"]), st.text(max_size=60)
)
files = st.lists(st.tuples(file_names, file_contents), max_size=4)


def assert_complete_or_nothing():
    """Every stored case has its number, at least two parties and an attachment; every file belongs to one."""
    for application in Application.objects.prefetch_related("parties", "attachments"):
        assert application.number == f"{application.year}/{application.sequence:04d}"
        assert len(application.parties.all()) >= 2
        assert len(application.attachments.all()) >= 1
    assert len(stored_files()) == Attachment.objects.count()


@HYPOTHESIS
@given(
    name=text,
    organisation=text,
    email=text,
    phone=text,
    title=text,
    description=text,
    parties=st.lists(st.one_of(st.sampled_from(["first", "second", "third"]), numbers), max_size=5),
    start=dates,
    end=dates,
    budget=numbers,
    uploads=files,
    honeypot=st.sampled_from(["", "", "", "x"]),
)
def test_the_form_never_errors_or_writes_half(
    post_application,
    principals,
    unlimited_forms,
    name,
    organisation,
    email,
    phone,
    title,
    description,
    parties,
    start,
    end,
    budget,
    uploads,
    honeypot,
):
    known = {"first": principals[0].pk, "second": principals[1].pk, "third": principals[2].pk}
    data = {
        "applicant_name": name,
        "applicant_organisation": organisation,
        "applicant_email": email,
        "applicant_phone": phone,
        "title": title,
        "description": description,
        "parties": [str(known.get(party, party)) for party in parties],
        "period_start": start,
        "period_end": end,
        "budget": budget,
        "hemsida_url": honeypot,
        "attachments": [upload(file_name or "x", content) for file_name, content in uploads],
    }
    response = post_application(data)
    assert response.status_code == 200
    assert_complete_or_nothing()


def test_a_valid_application_passes_the_same_check(post_application, application_data, unlimited_forms):
    post_application({**application_data, "attachments": [upload("a.pdf", PDF_BYTES)]})
    assert Application.objects.count() == 1
    assert_complete_or_nothing()
