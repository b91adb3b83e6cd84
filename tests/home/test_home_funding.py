"""The funding page: guidance and forms to download, and one way to apply (a plugin's online application,
or, without one, the association's address); the old Wagtail form is gone with its stored submissions."""

import importlib

import pytest
from django.apps import apps
from wagtail import hooks
from wagtail.contrib.forms.models import FormSubmission

from home.models import OrganisationSettings

pytestmark = pytest.mark.django_db


def test_the_page_has_no_form_of_its_own_but_the_online_application(client, funding_page):
    html = client.get("/soka-medel/").content.decode()
    assert "<form" not in html.split("<main", 1)[1]
    assert "Ansök om medel på webben" in html
    assert 'href="/soka-medel/ansok/"' in html
    assert "data-funding-apply-by-email" not in html


def test_without_a_way_to_apply_online_the_page_gives_the_address(client, funding_page, monkeypatch):
    organisation = OrganisationSettings.for_site(funding_page.get_site())
    organisation.email = "info@example.org"
    organisation.save()
    get_hooks = hooks.get_hooks
    monkeypatch.setattr(hooks, "get_hooks", lambda name: [] if name == "funding_page_sections" else get_hooks(name))
    html = client.get("/soka-medel/").content.decode()
    assert "data-funding-apply-by-email" in html
    assert 'href="mailto:info@example.org"' in html
    assert "/soka-medel/ansok/" not in html


def test_posting_to_the_page_stores_nothing(client, funding_page):
    response = client.post("/soka-medel/", {"namn": "Anna", "e_post": "anna@example.org"})
    assert response.status_code in (200, 405)
    assert not FormSubmission.objects.exists()


def test_the_migration_deletes_the_old_forms_submissions_only(funding_page, home_page):
    old = FormSubmission.objects.create(page=funding_page, form_data={"namn": "Anna"})
    other = FormSubmission.objects.create(page=home_page, form_data={"namn": "Bo"})
    migration = importlib.import_module("home.migrations.0009_funding_page_without_its_old_form")
    migration.delete_old_submissions(apps, None)
    assert not FormSubmission.objects.filter(pk=old.pk).exists()
    assert FormSubmission.objects.filter(pk=other.pk).exists()
