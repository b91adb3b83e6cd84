"""Applications per association (#17): numbers per year and association, each association's meetings and
deadlines, its own groups in the case room, its own listings, and the status page on its own host only."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from applications import intake
from applications.deadlines import round_for
from applications.models import Application, Meeting
from applications.status import make_token
from home.associations import SESSION_KEY, default_association
from home.models import OrganisationSettings, Principal
from home.roles import COORDINATOR, PREPARATION_GROUP
from home.site_setup import ensure_home_site
from tests.applications.chain import people
from tests.applications.conftest import good_files

pytestmark = pytest.mark.django_db

OTHER_HOST = "andra.example.org"


@pytest.fixture
def other(home_page):
    """A second association with its own principals and its own coordinator and preparation group."""
    site, _created = ensure_home_site(f"http://{OTHER_HOST}", name="Andra förbundet", slug="andra", default=False)
    organisation = OrganisationSettings.for_site(site)
    for role, field in ((COORDINATOR, "coordinator_group"), (PREPARATION_GROUP, "preparation_group")):
        group = Group.objects.create(name=f"{role} (Andra)")
        group.permissions.set(Group.objects.get(name=role).permissions.all())
        setattr(organisation, field, group)
    organisation.save()
    for order, name in enumerate(["Andra kommun", "Andra regionen"]):
        Principal.objects.create(settings=organisation, name=name, url="https://example.org/", sort_order=order)
    return site


def receive(association, **fields):
    organisation = OrganisationSettings.for_site(association)
    return intake.receive(
        association=association,
        fields={
            "applicant_name": "A",
            "applicant_email": "a@example.org",
            "title": "T",
            "description": "D",
            "period_start": timezone.localdate(),
            "period_end": timezone.localdate() + timedelta(days=30),
            "budget": 1,
            **fields,
        },
        parties=list(Principal.objects.filter(settings=organisation))[:2],
        attachments=[],
    )


def test_numbers_run_per_year_and_association(principals, other):
    first = receive(default_association())
    second = receive(default_association())
    theirs = receive(other)
    year = timezone.localdate().year
    assert [first.number, second.number, theirs.number] == [f"{year}/0001", f"{year}/0002", f"{year}/0001"]
    assert theirs.association == other


def test_each_association_has_its_own_meetings_and_deadline(other):
    soon = timezone.localdate() + timedelta(days=30)
    ours = Meeting.objects.create(kind=Meeting.Kind.PREPARATION, date=soon)
    theirs = Meeting.objects.create(kind=Meeting.Kind.PREPARATION, date=soon, association=other)
    assert round_for(default_association()).meeting == ours
    assert round_for(other).meeting == theirs
    theirs.delete()
    assert round_for(other) is None


def test_the_online_application_goes_to_the_hosts_association(client, other, unlimited_forms):
    data = {
        "applicant_name": "Bo",
        "applicant_email": "bo@example.org",
        "title": "Andra projektet",
        "description": "D",
        "parties": [str(pk) for pk in Principal.objects.filter(settings__site=other).values_list("pk", flat=True)],
        "period_start": "2027-01-01",
        "period_end": "2027-06-30",
        "budget": "1000",
        "hemsida_url": "",
        "attachments": good_files(),
    }
    response = client.post("/soka-medel/ansok/", data, HTTP_HOST=OTHER_HOST)
    assert response.status_code == 200
    assert Application.objects.filter(association=other).count() == 1


def test_the_status_page_shows_a_case_on_its_own_associations_host_only(client, principals, other):
    ours = receive(default_association())
    theirs = receive(other)
    assert (
        client.get(reverse("applications:status", args=[make_token(theirs)]), HTTP_HOST=OTHER_HOST).status_code == 200
    )
    assert client.get(reverse("applications:status", args=[make_token(ours)]), HTTP_HOST=OTHER_HOST).status_code == 404
    assert client.get(reverse("applications:status", args=[make_token(ours)])).status_code == 200


def test_the_case_room_and_listings_hold_the_associations_own_cases_for_its_own_groups(
    client, principals, other, home_page
):
    roles = people()
    ours = receive(default_association(), title="Vårt ärende")
    theirs = receive(other, title="Deras ärende")
    preparer = User.objects.create_user("beredare-andra", password="pw")
    preparer.groups.add(OrganisationSettings.for_site(other).preparation_group)

    client.force_login(preparer)
    assert client.get(reverse("applications_case_room", args=[theirs.pk])).status_code == 200
    assert client.get(reverse("applications_case_room", args=[ours.pk])).status_code == 404
    listing = client.get(reverse(Application.snippet_viewset.get_url_name("list"))).content.decode()
    assert "Deras ärende" in listing and "Vårt ärende" not in listing

    client.force_login(roles["preparation"])
    assert client.get(reverse("applications_case_room", args=[ours.pk])).status_code == 200
    assert client.get(reverse("applications_case_room", args=[theirs.pk])).status_code == 404
    listing = client.get(reverse(Application.snippet_viewset.get_url_name("list"))).content.decode()
    assert "Vårt ärende" in listing and "Deras ärende" not in listing


def test_a_user_in_two_associations_holds_each_role_only_where_given(client, principals, other, home_page):
    theirs = receive(other)
    person = people()["coordinator"]  # the first association's coordinator ...
    person.groups.add(OrganisationSettings.for_site(other).preparation_group)  # ... and the other's preparer
    client.force_login(person)
    session = client.session
    session[SESSION_KEY] = other.pk
    session.save()
    room = client.get(reverse("applications_case_room", args=[theirs.pk]))
    assert room.status_code == 200
    assert 'data-case-step="propose"' not in room.content.decode(), "not the coordinator there"
    assert client.get(reverse("applications_personal_data", args=[theirs.pk])).status_code in (302, 403)


def test_a_meeting_added_in_the_admin_belongs_to_the_association_worked_in(client, other):
    coordinator = User.objects.create_user("samordnare-andra", password="pw")
    coordinator.groups.add(OrganisationSettings.for_site(other).coordinator_group)
    client.force_login(coordinator)
    day = timezone.localdate() + timedelta(days=40)
    response = client.post(
        reverse(Meeting.snippet_viewset.get_url_name("add")),
        {"kind": Meeting.Kind.PREPARATION, "date": day.isoformat(), "place": "Andra"},
    )
    assert response.status_code == 302
    assert Meeting.objects.get().association == other
