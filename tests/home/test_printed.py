"""The printed material (home.printed): fact sheet, posters and leaflet as accessible PDFs."""

import pytest
from wagtail.models import Site

from home.models import ContactPage, ContactPagePerson, OrganisationSettings, Person, Principal
from network.api import signup_url
from tests.home.pdf_checks import pdf_text, qr_codes, read_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(home_page):
    organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.fact_box = "<p>Förbundet bildades 2009 och har fyra huvudmän.</p>"
    organisation.key_messages = "<p>Tillsammans för fler i arbete.</p>"
    organisation.phone = "0950-100 00"
    organisation.save()
    Principal.objects.create(settings=organisation, name="Lycksele kommun", url="https://www.lycksele.se/")
    return organisation


@pytest.fixture
def contact_person(pages):
    person = Person.objects.create(name="Anna Samordnare", role="Förbundschef", phone="070-111 22 33")
    contact_page = pages["kontakt"]
    assert isinstance(contact_page, ContactPage)
    ContactPagePerson.objects.create(page=contact_page, person=person, sort_order=0)
    return person


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("faktablad", "Faktablad"),
        ("informationsblad", "Informationsblad"),
        ("affisch-a4", "Affisch A4"),
        ("affisch-a3", "Affisch A3"),
    ],
)
def test_each_item_is_an_accessible_pdf(client, organisation, name, title):
    response = client.get(f"/trycksaker/{name}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{name}.pdf"' in response["Content-Disposition"]
    reader = read_pdf(response.content)
    assert reader.metadata.title == f"{title} – {organisation.name}"


def test_fact_sheet_has_the_fact_box_principals_and_contacts(client, organisation, contact_person):
    text = pdf_text(read_pdf(client.get("/trycksaker/faktablad.pdf").content))
    assert "Förbundet bildades 2009 och har fyra huvudmän." in text
    assert "Lycksele kommun" in text
    assert "Anna Samordnare" in text and "070-111 22 33" in text
    assert len(read_pdf(client.get("/trycksaker/faktablad.pdf").content).pages) == 1


@pytest.mark.parametrize(("name", "source"), [("affisch-a4", "affisch-a4"), ("affisch-a3", "affisch-a3")])
def test_poster_qr_code_leads_to_the_signup_with_its_source(client, organisation, name, source):
    data = client.get(f"/trycksaker/{name}.pdf").content
    expected = "http://testserver/natverket/?kalla=" + source
    assert signup_url(source=source) == expected
    assert qr_codes(data) == [expected]
    assert expected in pdf_text(read_pdf(data))


def test_a3_poster_is_a3_and_the_leaflet_one_a4_page(client, organisation):
    a3 = read_pdf(client.get("/trycksaker/affisch-a3.pdf").content).pages[0].mediabox
    assert (round(float(a3.width) / 72 * 25.4), round(float(a3.height) / 72 * 25.4)) == (297, 420)
    leaflet = read_pdf(client.get("/trycksaker/informationsblad.pdf").content)
    assert len(leaflet.pages) == 1
    assert qr_codes(client.get("/trycksaker/informationsblad.pdf").content) == [
        "http://testserver/natverket/?kalla=informationsblad"
    ]


def test_regenerated_when_the_settings_change(client, organisation):
    first = client.get("/trycksaker/faktablad.pdf").content
    assert client.get("/trycksaker/faktablad.pdf").content == first  # kept while nothing changed
    organisation.fact_box = "<p>Nu med fem huvudmän.</p>"
    organisation.save()
    text = pdf_text(read_pdf(client.get("/trycksaker/faktablad.pdf").content))
    assert "Nu med fem huvudmän." in text
    assert "bildades 2009" not in text


def test_unknown_item_is_not_found(client, organisation):
    assert client.get("/trycksaker/broschyr.pdf").status_code == 404


def test_signup_url_refuses_an_unknown_source():
    with pytest.raises(ValueError):
        signup_url(source="okand")
