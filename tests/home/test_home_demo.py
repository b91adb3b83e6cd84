"""load_demo builds the whole public site, changes nothing on a second run and refuses production."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from home.models import ContactPage, FundingPage, NewsPage, Person, ProjectPage, ReportPage

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_load_demo_builds_the_site_and_is_idempotent(client, capsys):
    call_command("load_demo", password="hemligt")
    first = row_counts()
    assert "skapade sidan Om förbundet" in capsys.readouterr().out

    assert NewsPage.objects.live().count() >= 3
    assert set(ProjectPage.objects.values_list("slug", flat=True)) >= {"accessutbildning", "lansering-av-forbundet"}
    reports = {report.kind.name: report for report in ReportPage.objects.select_related("kind", "document")}
    assert {"Tertialrapport", "Årsredovisning"} <= set(reports)
    for report in reports.values():
        with report.document.open_file() as pdf:
            assert pdf.read(5) == b"%PDF-"
    funding = FundingPage.objects.order_by("path").first()  # Lycksele's, not the fictional one's
    assert funding.forms_collection.name == "Blanketter"
    assert funding.form_documents().count() >= 2
    assert "formuläret nedan" not in str(funding.body), "the online application is the way to apply"
    assert ContactPage.objects.order_by("path").first().people.count() == Person.objects.count() >= 2
    assert User.objects.get(username="samordnare").check_password("hemligt")
    assert User.objects.get(username="admin").is_superuser

    for path in [
        "/",
        "/om-forbundet/",
        "/nyheter/",
        "/projekt/",
        "/rapporter/",
        "/soka-medel/",
        "/kontakt/",
        "/tillganglighet/",
        "/personuppgifter/",
        "/nyheter/feed/",
    ]:
        assert client.get(path).status_code == 200, path

    call_command("load_demo", password="annat")
    assert "inget ändrades" in capsys.readouterr().out
    assert row_counts() == first
    assert User.objects.get(username="samordnare").check_password("hemligt")


def test_demo_texts_cover_the_accessibility_statement_and_privacy_notice(client, home_page):
    statement = client.get("/tillganglighet/").content.decode()
    for phrase in ["delvis förenlig", "axe-core", "tangentbord", "Digg", "Rapportera brister"]:
        assert phrase in statement, phrase
    notice = client.get("/personuppgifter/").content.decode()
    for phrase in [
        "30 dagar",
        "IP-adress",
        "samtycke",
        "Integritetsskyddsmyndigheten",
        "personuppgiftsansvarigt",
        "Ansökan om medel",
        "Leveransuppgifter",
        "avregistrera",
    ]:
        assert phrase.lower() in notice.lower(), phrase


def test_load_demo_refuses_production_settings(settings):
    settings.SETTINGS_MODULE = "site_lycksele.settings.production"
    with pytest.raises(CommandError, match="produktionsinställningar"):
        call_command("load_demo")
    assert not User.objects.filter(username="samordnare").exists()


def test_demo_content_never_reads_the_shared_folder():
    from pathlib import Path

    import home

    for path in Path(home.__file__).parent.rglob("*.py"):
        assert "shared/seed" not in path.read_text(), path
