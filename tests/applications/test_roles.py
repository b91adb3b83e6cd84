"""The roles' access to cases: the preparation group and the board read, the coordinator moves cases along."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.base import ContentFile
from django.urls import reverse

from applications.models import Application, Attachment, Meeting
from applications.uploads import PDF
from home.roles import BOARD, COORDINATOR, PREPARATION_GROUP
from tests.applications.files import PDF_BYTES
from tests.applications.test_status import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def preparer(db):
    user = User.objects.create_user("beredning-test", "beredning@example.org", "pw")
    user.groups.add(Group.objects.get(name=PREPARATION_GROUP))
    return user


@pytest.mark.parametrize(
    ("group", "allowed", "denied"),
    [
        (
            PREPARATION_GROUP,
            ["wagtailadmin.access_admin", "applications.view_application", "applications.view_attachment"],
            ["applications.change_application", "applications.add_meeting", "applications.delete_application"],
        ),
        (
            BOARD,
            ["applications.view_application", "applications.view_meeting"],
            ["applications.change_application", "applications.add_meeting"],
        ),
        (
            COORDINATOR,
            ["applications.change_application", "applications.add_meeting", "applications.change_meeting"],
            ["applications.add_application", "applications.delete_application"],
        ),
    ],
)
def test_group_permissions(group, allowed, denied):
    user = User.objects.create_user(f"user-{group}", f"{group}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    for permission in allowed:
        assert user.has_perm(permission), permission
    for permission in denied:
        assert not user.has_perm(permission), permission


def test_the_preparation_group_reads_a_case_but_cannot_change_it(client, preparer, home_page):
    application = make_application("2026/0001", "Vägen till arbete", "anna@example.org")
    client.force_login(preparer)
    inspect = client.get(reverse("wagtailsnippets_applications_application:inspect", args=[application.pk]))
    assert inspect.status_code == 200
    assert "Vägen till arbete" in inspect.content.decode()
    edit_url = reverse("wagtailsnippets_applications_application:edit", args=[application.pk])
    client.post(edit_url, {"status": Application.Status.WITHDRAWN})
    application.refresh_from_db()
    assert application.status == Application.Status.RECEIVED
    add_meeting = client.post(
        reverse("wagtailsnippets_applications_meeting:add"), {"kind": "beredning", "date": "2027-03-20"}
    )
    assert add_meeting.status_code in (302, 403)
    assert not Meeting.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, home_page):
    application = make_application("2026/0001", "Vägen till arbete", "anna@example.org")
    response = client.get(reverse("wagtailsnippets_applications_application:inspect", args=[application.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_case_the_coordinator_withdraws_in_the_admin_is_closed_for_retention(client, coordinator, home_page):
    application = make_application("2026/0001", "Vägen till arbete", "anna@example.org")
    client.force_login(coordinator)
    response = client.post(
        reverse("wagtailsnippets_applications_application:edit", args=[application.pk]),
        {"status": Application.Status.WITHDRAWN, "preparation_meeting": ""},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert application.closed_at is not None


def test_the_roles_download_attachments_and_nobody_else(client, preparer, home_page):
    application = make_application("2026/0001", "Vägen till arbete", "anna@example.org")
    attachment = Attachment(application=application, original_name="budget 2027.pdf", content_type=PDF, size=9)
    attachment.file.save("x", ContentFile(PDF_BYTES))
    url = attachment.get_download_url()

    assert client.get(url).status_code == 302
    editor = User.objects.create_user("editor", "editor@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    denied = client.get(url)
    assert denied.status_code == 302
    assert not denied.has_header("Content-Disposition")
    client.force_login(preparer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert "budget" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_coordinator_searches_and_filters_cases(client, coordinator, home_page):
    make_application("2026/0001", "Vägen till arbete", "anna@example.org")
    make_application("2026/0002", "Annat", "bo@example.org")
    client.force_login(coordinator)
    response = client.get(
        reverse("wagtailsnippets_applications_application:list"), {"q": "Vägen", "status": "mottagen"}
    )
    assert response.status_code == 200
    assert "Vägen till arbete" in response.content.decode()
    assert "Annat" not in response.content.decode()
