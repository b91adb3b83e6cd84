"""The online application: Swedish validation, storage, email to the coordinator, honeypot, rate limit."""

import pytest
from django.core import mail
from django.core.cache import cache
from wagtail.contrib.forms.models import FormSubmission

pytestmark = pytest.mark.django_db

VALID = {
    "namn": "Anna Andersson",
    "organisation": "Lycksele kommun",
    "e_post": "anna@example.org",
    "telefon": "",
    "projektets_namn": "Vägen tillbaka",
    "beskrivning": "Ett projekt för unga vuxna.",
    "sokt_belopp_kr": "120000",
    "deltagande_huvudman": ["Lycksele kommun", "Försäkringskassan"],
}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def post(client, data, ip="192.0.2.1"):
    return client.post("/soka-medel/", data, REMOTE_ADDR=ip)


def test_form_renders_with_labels_and_the_forms_to_download(client, funding_page):
    html = client.get("/soka-medel/").content.decode()
    assert '<label for="id_namn">Namn</label>' in html
    assert 'name="hemsida_url"' in html and 'aria-hidden="true"' in html
    assert "Skicka ansökan" in html


def test_valid_application_is_stored_and_emailed_to_the_coordinator(client, funding_page):
    response = post(client, VALID)
    assert response.status_code == 200
    assert "Tack för din ansökan" in response.content.decode()
    submission = FormSubmission.objects.get(page=funding_page)
    data = submission.get_data()
    assert data["namn"] == "Anna Andersson"
    assert data["sokt_belopp_kr"] == "120000"
    assert "hemsida_url" not in data
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["info@samordningsforbundet-lycksele.se"]  # the organisation's address
    assert "Vägen tillbaka" in mail.outbox[0].body


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"namn": ""}, "namn", "Det här fältet är obligatoriskt"),
        ({"e_post": "inte-en-adress"}, "e_post", "Ange en giltig mejladress."),
        ({"sokt_belopp_kr": "mycket"}, "sokt_belopp_kr", "Fyll i ett tal."),
        ({"deltagande_huvudman": ["Okänd"]}, "deltagande_huvudman", "Välj ett giltigt alternativ."),
        ({"beskrivning": "\x00"}, "beskrivning", "Null-tecken är inte tillåtna."),
    ],
)
def test_invalid_application_shows_swedish_errors_and_stores_nothing(client, funding_page, changes, field, message):
    response = post(client, VALID | changes)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rätta felen nedan" in html
    assert message in response.context["form"].errors[field][0]
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_pretends_success_but_stores_and_sends_nothing(client, funding_page):
    response = post(client, VALID | {"hemsida_url": "http://spam.example"})
    assert response.status_code == 200
    assert "Tack för din ansökan" in response.content.decode()
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_rate_limit_per_address(client, funding_page, settings):
    settings.HOME_FORM_RATE_LIMIT = 2
    assert post(client, VALID).status_code == 200
    assert post(client, VALID | {"namn": ""}).status_code == 200
    blocked = post(client, VALID)
    assert blocked.status_code == 429
    assert "Vänta en stund" in blocked.content.decode()
    assert FormSubmission.objects.count() == 1
    assert post(client, VALID, ip="192.0.2.2").status_code == 200
    assert FormSubmission.objects.count() == 2
