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
    (to_coordinator,) = [message for message in mail.outbox if message.to != ["anna@example.org"]]
    assert to_coordinator.to == ["info@samordningsforbundet-lycksele.se"]  # the organisation's address
    assert "Vägen tillbaka" in to_coordinator.body


def test_the_applicant_gets_a_receipt_that_replies_to_the_coordinator(client, funding_page):
    post(client, VALID)
    (receipt,) = [message for message in mail.outbox if message.to == ["anna@example.org"]]
    assert receipt.subject == "Vi har tagit emot din ansökan – Samordningsförbundet Lycksele"
    assert receipt.reply_to == ["info@samordningsforbundet-lycksele.se"]
    assert "Projektets namn: Vägen tillbaka" in receipt.body
    assert "Deltagande huvudmän: Lycksele kommun, Försäkringskassan" in receipt.body
    assert "hemsida_url" not in receipt.body and "Lämna det här fältet tomt" not in receipt.body
    assert "Svara på det här meddelandet" in receipt.body


def test_a_failing_receipt_keeps_the_application(client, funding_page, monkeypatch):
    from django.core.mail import EmailMessage

    def refuse(message, *args, **kwargs):
        if message.to == ["anna@example.org"]:
            raise ConnectionRefusedError("smtp down")
        return 1

    monkeypatch.setattr(EmailMessage, "send", refuse)
    response = post(client, VALID)
    assert response.status_code == 200
    assert "Tack för din ansökan" in response.content.decode()
    assert FormSubmission.objects.filter(page=funding_page).count() == 1


def test_a_rejected_application_sends_no_receipt(client, funding_page):
    post(client, {**VALID, "namn": ""})
    assert mail.outbox == []


def test_the_checkbox_group_is_a_fieldset_with_a_legend(client, funding_page):
    html = client.get("/soka-medel/").content.decode()
    fieldset = html[html.index("<fieldset") : html.index("</fieldset>")]
    assert "<legend>Deltagande huvudmän</legend>" in fieldset
    assert fieldset.count('type="checkbox"') == 4
    assert '<label for="id_deltagande_huvudman_0">Arbetsförmedlingen</label>' in fieldset


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


def test_behind_the_proxy_the_limit_counts_each_applicant_not_the_proxy(client, funding_page, settings):
    settings.HOME_FORM_RATE_LIMIT = 2
    settings.NETWORK_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for applicant in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        for _ in range(2):
            assert client.post("/soka-medel/", VALID, HTTP_X_FORWARDED_FOR=applicant, **proxy).status_code == 200
    assert FormSubmission.objects.count() == 6
    again = client.post("/soka-medel/", VALID, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1", **proxy)
    assert again.status_code == 429
    assert FormSubmission.objects.count() == 6
