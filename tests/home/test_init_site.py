"""init_site builds the real, empty Swedish site on a fresh database, once, at the address of SITE_URL."""

import io
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site, Task, Workflow

from home.models import HomePage, OrganisationSettings
from site_lycksele import heartbeat

pytestmark = pytest.mark.django_db

ADDRESS = "https://www.example.se"
# Every public URL of DESIGN.md's table that a site without content still answers.
HTML_URLS = [
    "/",
    "/om-forbundet/",
    "/kontakt/",
    "/soka-medel/",
    "/projekt/",
    "/nyheter/",
    "/rapporter/",
    "/press/",
    "/aktivitetsplan/",
    "/natverket/",
    "/sok/?q=rehabilitering",
    "/tillganglighet/",
    "/personuppgifter/",
]
OTHER_URLS = [
    "/nyheter/feed/",
    "/press/feed/",
    "/aktivitetsplan/aktivitetsplan.csv",
    "/aktivitetsplan/aktivitetsplan.ics",
    "/api/v2/openapi.json",
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v2/press-releases/",
    "/api/v2/activities/",
    "/healthz",
    "/healthz/live",
    "/sitemap.xml",
    "/robots.txt",
]


def init_site():
    out = io.StringIO()
    call_command("init_site", stdout=out)
    return out.getvalue()


def row_counts():
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = ADDRESS
    return ADDRESS


def test_a_fresh_database_shows_wagtails_welcome_page_until_init_site_runs(client, site_url):
    assert b"Welcome to your new Wagtail site" in client.get("/").content
    assert set(Group.objects.filter(name__in=["Editors", "Moderators"]).values_list("name", flat=True)) == {
        "Editors",
        "Moderators",
    }

    init_site()

    assert not Page.objects.filter(title__icontains="Wagtail").exists()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert set(Group.objects.values_list("name", flat=True)) >= {"Samordnare", "Styrelse"}
    assert Workflow.objects.filter(name="Styrelsens godkännande").exists()


def test_every_url_of_the_design_answers_and_every_page_is_swedish(client, site_url):
    init_site()
    heartbeat.note(heartbeat.WORKER)  # with a broker, /healthz also asks for a running worker
    failures = []
    for path in HTML_URLS + OTHER_URLS:
        response = client.get(path, HTTP_HOST="www.example.se")
        body = response.content.decode()
        if response.status_code != 200:
            failures.append(f"{path}: {response.status_code}")
        elif "Welcome to your new Wagtail site" in body:
            failures.append(f"{path}: Wagtail's welcome text")
        elif path in HTML_URLS and not re.search(r'<html[^>]* lang="sv"', body):
            failures.append(f"{path}: not marked as Swedish")
        elif path in HTML_URLS and "Wagtail" in body:
            failures.append(f"{path}: mentions Wagtail")
    assert not failures, failures


def test_the_admin_answers_in_swedish(client, site_url):
    init_site()
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert "Logga in" in response.content.decode()


def test_the_site_record_takes_hostname_port_and_scheme_from_site_url(settings):
    for address, hostname, port, root_url in [
        ("https://www.example.se", "www.example.se", 443, "https://www.example.se"),
        ("http://127.0.0.1:8101", "127.0.0.1", 8101, "http://127.0.0.1:8101"),
        ("http://lycksele.test/", "lycksele.test", 80, "http://lycksele.test"),
    ]:
        settings.SITE_URL = address
        init_site()
        site = Site.objects.get()
        assert (site.hostname, site.port, site.root_url) == (hostname, port, root_url), address
        assert site.is_default_site
        assert isinstance(site.root_page.specific, HomePage)
        assert HomePage.objects.get().get_full_url() == root_url + "/"


def test_init_site_is_idempotent_and_never_overwrites_an_editors_text(site_url):
    assert "sidan Om förbundet" in init_site()
    organisation = OrganisationSettings.for_site(Site.objects.get())
    organisation.phone = "0950-999 99"
    organisation.save()
    counts = row_counts()

    assert "inget ändrades" in init_site()
    assert row_counts() == counts
    assert OrganisationSettings.for_site(Site.objects.get()).phone == "0950-999 99"


def test_the_organisation_settings_and_the_legal_pages_have_text_to_edit(client, site_url):
    init_site()
    organisation = OrganisationSettings.for_site(Site.objects.get())
    assert organisation.name == "Samordningsförbundet Lycksele"
    for value in (organisation.fact_box, organisation.phone, organisation.postal_address):
        assert "[" in value, "a placeholder marks what the editor fills in"
    statement = client.get("/tillganglighet/").content.decode()
    for phrase in ["2018:1937", "WCAG 2.1", "Digg", "Rapportera brister"]:
        assert phrase in statement, phrase
    notice = client.get("/personuppgifter/").content.decode()
    for phrase in ["personuppgiftsansvarigt", "30 dagar", "Integritetsskyddsmyndigheten", "[e-postadress]"]:
        assert phrase in notice, phrase


@pytest.mark.parametrize("address", ["", "www.example.se", "ftp://www.example.se", "https://www.example.se:8443"])
def test_a_site_url_that_is_no_site_address_is_refused_and_changes_nothing(settings, address):
    settings.SITE_URL = address
    counts = row_counts()
    with pytest.raises(CommandError, match="SITE_URL"):
        init_site()
    assert row_counts() == counts


def test_load_demo_builds_on_init_site(site_url):
    init_site()
    pages = set(Page.objects.values_list("url_path", flat=True))
    call_command("load_demo", stdout=io.StringIO())
    assert pages <= set(Page.objects.values_list("url_path", flat=True))
    assert Site.objects.get(is_default_site=True).root_url == ADDRESS
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
