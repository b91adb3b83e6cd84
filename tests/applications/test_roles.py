"""The roles' access to cases: the preparation group and the board read, the coordinator moves cases along."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from applications.models import Application, Meeting
from home.roles import BOARD, COORDINATOR, PREPARATION_GROUP
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
