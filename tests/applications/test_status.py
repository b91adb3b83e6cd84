"""The applicant's status link: their own case only, never comments; tampered and expired links explain themselves."""

import time
from datetime import date

import pytest
from django.core import signing

from applications import status
from applications.models import Application

pytestmark = pytest.mark.django_db


def make_application(number, title, email):
    year, sequence = (int(part) for part in number.split("/"))
    return Application.objects.create(
        year=year,
        sequence=sequence,
        number=number,
        applicant_name="Anna",
        applicant_email=email,
        title=title,
        description="Hemlig beskrivning",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        budget=100,
    )


@pytest.fixture
def two_cases(home_page):
    return make_application("2026/0001", "Vägen till arbete", "anna@example.org"), make_application(
        "2026/0002", "Annat projekt", "bo@example.org"
    )


def status_path(application):
    return status.status_url(application).removeprefix("http://testserver")


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        (Application.Status.RECEIVED, "Mottagen"),
        (Application.Status.IN_PREPARATION, "Under beredning"),
        (Application.Status.DECIDED, "Beslutad"),
        (Application.Status.WITHDRAWN, "Återkallad"),
    ],
)
def test_the_link_shows_the_own_case_and_where_it_stands(client, two_cases, state, shown):
    own, other = two_cases
    Application.objects.filter(pk=own.pk).update(status=state)
    response = client.get(status_path(own))

    assert response.status_code == 200
    html = response.content.decode()
    assert "2026/0001" in html
    assert "Vägen till arbete" in html
    assert f"<strong>{shown}</strong>" in html
    assert other.number not in html
    assert other.title not in html
    assert "Hemlig beskrivning" not in html
    assert "anna@example.org" not in html
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


def test_a_tampered_link_is_a_swedish_404(client, two_cases):
    own, other = two_cases
    token = status.make_token(own)
    value, signature = token.rsplit(":", 1)
    forged = signing.dumps(other.pk, salt="another.purpose")
    for bad in (f"{value}:{signature[:-2]}xx", token[:-1], "x", forged, signing.dumps("1", salt=status.SALT)):
        response = client.get(f"/soka-medel/ansokan/{bad}/")
        assert response.status_code == 404, bad
        assert "Länken fungerar inte" in response.content.decode()
        assert other.number not in response.content.decode()


def test_a_link_to_a_removed_case_is_a_404(client, two_cases):
    own, _other = two_cases
    path = status_path(own)
    own.delete()
    assert client.get(path).status_code == 404


def test_an_expired_link_is_a_swedish_410(client, two_cases, settings, monkeypatch):
    settings.APPLICATIONS_STATUS_LINK_MAX_AGE = 3600
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() - 3601)
    path = status_path(two_cases[0])
    monkeypatch.setattr(time, "time", real_time)

    response = client.get(path)
    assert response.status_code == 410
    assert "Länken har gått ut" in response.content.decode()
    assert "2026/0001" not in response.content.decode()


def test_the_status_page_answers_only_get(client, two_cases):
    assert client.post(status_path(two_cases[0])).status_code == 405
