"""A press release links to the project it is about: the chooser offers projects, the form refuses other pages."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from home.models import ProjectIndexPage
from press.models import PressRelease
from tests.home.factories import ProjectPageFactory
from tests.press.conftest import admin_url, release_form_data

pytestmark = pytest.mark.django_db

REFUSED = "Välj en projektsida. Ett pressmeddelande kan bara kopplas till ett projekt."


@pytest.fixture
def project(home_page):
    return ProjectPageFactory(parent=Page.objects.type(ProjectIndexPage).get(), title="Accessutbildning")


def test_the_chooser_offers_only_projects(client, coordinator, press_room):
    client.force_login(coordinator)
    html = client.get(admin_url("add")).content.decode()
    assert 'new PageChooser("id_related_page", {"modelNames": ["home.projectpage"]' in html
    assert "Välj en sida (Projekt)" in html


def test_the_form_accepts_a_project(client, coordinator, press_room, project):
    client.force_login(coordinator)
    response = client.post(admin_url("add"), release_form_data(related_page=str(project.pk)))
    assert response.status_code == 302
    assert PressRelease.objects.get().related_page_id == project.pk


def test_the_form_refuses_a_page_that_is_not_a_project(client, coordinator, press_room):
    client.force_login(coordinator)
    other = Page.objects.get(slug="om-forbundet")
    response = client.post(admin_url("add"), release_form_data(related_page=str(other.pk)))
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not PressRelease.objects.exists()


def test_model_validation_refuses_other_pages_by_any_route(press_room, project):
    release = PressRelease(title="Om förbundet", slug="om", lead="x")
    release.related_page = Page.objects.get(slug="om-forbundet")
    with pytest.raises(ValidationError) as refused:
        release.clean()
    assert refused.value.message_dict == {"related_page": [REFUSED]}
    release.related_page = project
    release.clean()
