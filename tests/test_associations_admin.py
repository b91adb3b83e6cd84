"""The admin per association (issue 17, points 2 and 6): nobody working in A reaches B's objects.

Two associations: A (the default site, built by ``init_site``) and B (a Site with its own home
page, organisation settings and groups, given their permissions by ``grant_roles``). Each of A's
roles, a platform administrator working in A, and an anonymous visitor tries every admin URL of
B's objects: listings, search, export, choosers, the editor, publishing, approving, preview,
history, usage, deliveries. Nothing of B may show or change.
"""

import pytest
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Site

from activities.models import Activity
from home.associations import SESSION_KEY, of_user
from home.models import HomePage, OrganisationSettings, Person, ProjectPage
from home.roles import BOARD, COORDINATOR, PREPARATION_GROUP
from home.site_setup import grant_roles
from network.models import Delivery, Mailing, MailingList, Subscriber, Subscription
from press.models import PressRelease
from press.notifications import BoardSubmissionNotifier
from tests.activities.factories import ActivityFactory
from tests.network.factories import DeliveryFactory, MailingFactory
from tests.press.conftest import release_form_data
from tests.press.factories import PressReleaseFactory

pytestmark = pytest.mark.django_db

SECRET = "Hemligt-B"


def make_association(name, hostname):
    """A second association: its Site and home page, its settings and its three groups with their permissions."""
    home = Page.get_first_root_node().add_child(instance=HomePage(title=name, slug=hostname.split(".")[0]))
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=name)
    org = OrganisationSettings.for_site(site)
    org.name = name
    org.fact_box = f"<p>{name} är ett påhittat förbund.</p>"
    for role, field in (
        ("Samordnare", "coordinator_group"),
        ("Styrelse", "board_group"),
        ("Beredning", "preparation_group"),
    ):
        setattr(org, field, Group.objects.create(name=f"{role}: {name}"))
    org.save()
    grant_roles(site)
    return site


def member(username, group):
    user = User.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def two(home_page, coordinator, board_member):
    """A (the default) and B, with B's objects of every kind, each carrying SECRET in its name."""
    a = Site.objects.get(is_default_site=True)
    b = make_association("Fiktiva förbundet", "fiktiva.localhost")
    org_b = OrganisationSettings.for_site(b)
    b_list = MailingList.objects.create(association=b, name=f"{SECRET} lista", slug="media")
    person = Person.objects.create(association=b, name=f"{SECRET} Person", role="Samordnare")
    project = b.root_page.add_child(
        instance=ProjectPage(title=f"{SECRET} projekt", slug="projekt", lead="Ett projekt.")
    )
    release = PressReleaseFactory(association=b, title=f"{SECRET} pressmeddelande", slug="b-release", lists=["none"])
    release.contacts.all().delete()
    release.distribution.set([b_list])
    release.save_revision()
    activity = ActivityFactory(association=b, title=f"{SECRET} aktivitet")
    subscriber = Subscriber.objects.create(association=b, email="hemlig@b.example", name=SECRET)
    Subscription.objects.create(subscriber=subscriber, mailing_list=b_list, confirmed_at=timezone.now())
    mailing = MailingFactory(association=b, subject=f"{SECRET} utskick")
    DeliveryFactory(mailing=mailing, subscriber=subscriber)
    return {
        "a": a,
        "b": b,
        "b_coordinator": member("samordnare-b", org_b.coordinator_group),
        "b_board": member("styrelse-b", org_b.board_group),
        "list": b_list,
        "person": person,
        "project": project,
        "release": release,
        "activity": activity,
        "subscriber": subscriber,
        "mailing": mailing,
    }


def snippet_url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=[quote(arg) for arg in args])


def submitted(release, user):
    release.save_revision(user=user)
    release.get_workflow().start(release, user)
    release.refresh_from_db()
    return release


@pytest.fixture
def people(coordinator, board_member, admin_user, two):
    """Who tries: A's coordinator and board member, a platform administrator working in A, nobody."""
    return {"coordinator": coordinator, "board": board_member, "platform_admin": admin_user, "anonymous": None}


def login(client, user, association=None):
    if user is None:
        client.logout()
        return
    client.force_login(user)
    if association is not None:
        session = client.session
        session[SESSION_KEY] = association.pk
        session.save()


def reading_urls(two):
    """Admin URLs that show one of B's objects (or their data) when they leak."""
    release, activity, person = two["release"], two["activity"], two["person"]
    subscriber, mailing = two["subscriber"], two["mailing"]
    urls = []
    for model, obj in ((PressRelease, release), (Activity, activity), (Person, person)):
        for name in ("edit", "history", "usage", "delete"):
            urls.append(snippet_url(model, name, obj.pk))
    urls += [
        snippet_url(PressRelease, "preview_on_edit", release.pk),
        snippet_url(PressRelease, "revisions_view", release.pk, release.latest_revision_id),
        reverse("network_subscriber:edit", args=[subscriber.pk]),
        reverse("network_subscriber:inspect", args=[subscriber.pk]),
        reverse("network_subscriber:gdpr_export", args=[subscriber.pk]),
        reverse("network_subscriber:delete", args=[subscriber.pk]),
        reverse("network_mailinglist:edit", args=[two["list"].pk]),
        reverse("network_mailinglist:inspect", args=[two["list"].pk]),
        reverse("network_mailing:inspect", args=[mailing.pk]),
        reverse("network_mailing:progress", args=[mailing.pk]),
        reverse("network_subscription:edit", args=[Subscription.objects.get(subscriber=subscriber).pk]),
        reverse(f"{Person.snippet_viewset.chooser_viewset.name}:chosen", args=[person.pk]),
    ]
    return urls


def listing_urls():
    """Listings, searches, exports, choosers and the dashboard, where B's objects must not be listed."""
    person_chooser = Person.snippet_viewset.chooser_viewset.name
    return [
        reverse("wagtailadmin_home"),
        snippet_url(PressRelease, "list") + "?q=Hemligt",
        snippet_url(PressRelease, "list") + "?export=csv",
        snippet_url(Activity, "list") + "?q=Hemligt",
        snippet_url(Activity, "list") + "?export=csv",
        snippet_url(Person, "list") + "?q=Hemligt",
        reverse("network_subscriber:index") + "?q=hemlig",
        reverse("network_subscriber:index") + "?export=csv",
        reverse("network_subscription:index"),
        reverse("network_mailinglist:index"),
        reverse("network_mailing:index"),
        snippet_url(PressRelease, "add"),
        reverse("network_subscriber:import"),
        reverse(f"{person_chooser}:choose"),
        reverse(f"{person_chooser}:choose_results") + "?q=Hemligt",
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_search") + "?q=Hemligt",
        reverse("wagtailadmin_choose_page_child", args=[Page.get_first_root_node().pk]),
    ]


def leaked(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return SECRET.encode() in body or b"hemlig@b.example" in body


@pytest.mark.parametrize("who", ["coordinator", "board", "platform_admin", "anonymous"])
def test_nobody_working_in_a_reads_bs_objects(client, two, people, who):
    login(client, people[who], two["a"])
    for url in reading_urls(two):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), f"{who} reached {url}: {response.status_code}"
        assert not leaked(response), f"{who} read B's object at {url}"
    for url in listing_urls():
        response = client.get(url)
        assert not leaked(response), f"{who} saw B's objects at {url}"


@pytest.mark.parametrize("who", ["coordinator", "board", "platform_admin", "anonymous"])
def test_nobody_working_in_a_changes_bs_objects(client, two, people, who):
    login(client, people[who], two["a"])
    release, subscriber = two["release"], two["subscriber"]
    posts = [
        (snippet_url(PressRelease, "edit", release.pk), {"title": "Ändrad", "action-publish": "1"}),
        (snippet_url(PressRelease, "delete", release.pk), {}),
        (snippet_url(Activity, "delete", two["activity"].pk), {}),
        (snippet_url(Activity, "reorder", two["activity"].pk) + "?position=0", {}),
        (snippet_url(Person, "edit", two["person"].pk), {"name": "Ändrad"}),
        (reverse("network_subscriber:delete", args=[subscriber.pk]), {}),
        (reverse("network_subscriber:edit", args=[subscriber.pk]), {"email": "x@example.org", "name": "x"}),
        (reverse("network_mailing:resend", args=[two["mailing"].pk]), {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (302, 403, 404), f"{who} posted to {url}: {response.status_code}"
        if response.status_code == 302:
            # Wagtail turns a denial away to the dashboard or the login page.
            assert response.url == "/admin/" or response.url.startswith("/admin/login/"), f"{who} posted to {url}"
    release.refresh_from_db()
    assert (release.title, release.live) == (f"{SECRET} pressmeddelande", False)
    assert PressRelease.objects.filter(pk=release.pk).exists()
    assert Activity.objects.filter(pk=two["activity"].pk).exists()
    assert Person.objects.get(pk=two["person"].pk).name == f"{SECRET} Person"
    assert Subscriber.objects.get(pk=subscriber.pk).email == "hemlig@b.example"


def test_a_coordinator_of_a_cannot_attach_bs_lists_person_or_project_to_a_release(client, two, coordinator):
    login(client, coordinator)
    data = release_form_data()
    data["distribution"] = [str(two["list"].pk)]
    data["contacts-0-person"] = str(two["person"].pk)
    data["related_page"] = str(two["project"].pk)
    response = client.post(snippet_url(PressRelease, "add"), data)
    assert response.status_code == 200, "the form accepted B's list, contact person or project"
    form = response.context["form"]
    assert "distribution" in form.errors and "related_page" in form.errors
    assert form.formsets["contacts"].forms[0].errors
    assert not PressRelease.objects.filter(association=two["a"], title=data["title"]).exists()


def test_what_a_coordinator_creates_belongs_to_their_association(client, two):
    login(client, two["b_coordinator"])
    response = client.post(snippet_url(Person, "add"), {"name": "Ny kontakt i B", "role": "", "organisation": ""})
    assert response.status_code == 302
    assert Person.objects.get(name="Ny kontakt i B").association == two["b"]
    response = client.post(
        reverse("network_mailinglist:add"), {"name": "B:s nyhetsbrev", "slug": "nyhetsbrev", "description": ""}
    )
    assert response.status_code == 302
    assert MailingList.objects.get(slug="nyhetsbrev").association == two["b"]


def test_bs_coordinator_sees_and_edits_bs_objects_only(client, two):
    login(client, two["b_coordinator"])
    assert client.get(snippet_url(PressRelease, "edit", two["release"].pk)).status_code == 200
    listing = client.get(reverse("network_subscriber:index")).content.decode()
    assert "hemlig@b.example" in listing
    a_release = PressReleaseFactory(title="A:s pressmeddelande", slug="a-release")
    assert client.get(snippet_url(PressRelease, "edit", a_release.pk)).status_code == 404
    assert "A:s pressmeddelande" not in client.get(snippet_url(PressRelease, "list")).content.decode()


def test_page_permissions_reach_only_the_associations_own_tree(two, coordinator, home_page):
    b_coordinator, b_home = two["b_coordinator"], two["b"].root_page
    assert home_page.permissions_for_user(coordinator).can_edit()
    assert not b_home.permissions_for_user(coordinator).can_edit()
    assert not two["project"].permissions_for_user(coordinator).can_publish()
    assert b_home.permissions_for_user(b_coordinator).can_publish()
    assert not home_page.permissions_for_user(b_coordinator).can_edit()
    assert not GroupPagePermission.objects.filter(page__depth=1).exists(), "a role still holds the whole tree"


def test_a_coordinator_of_a_cannot_change_bs_organisation_settings(client, two, coordinator):
    login(client, coordinator)
    url = reverse("wagtailsettings:edit", args=["home", "organisationsettings", two["b"].pk])
    response = client.get(url)
    assert response.status_code in (302, 403) and "Fiktiva förbundet är ett påhittat" not in response.content.decode()
    own = client.get(reverse("wagtailsettings:edit", args=["home", "organisationsettings", two["a"].pk]))
    assert own.status_code == 200
    login(client, two["b_coordinator"])
    assert client.get(url).status_code == 200


def test_grant_roles_copies_the_plain_groups_model_permissions_and_is_idempotent(two):
    org_b = OrganisationSettings.for_site(two["b"])
    for role, group in ((COORDINATOR, org_b.coordinator_group), (BOARD, org_b.board_group)):
        plain = set(Group.objects.get(name=role).permissions.values_list("pk", flat=True))
        assert plain and plain <= set(group.permissions.values_list("pk", flat=True))
    before = GroupPagePermission.objects.count()
    grant_roles(two["b"])
    assert GroupPagePermission.objects.count() == before
    assert two["b_coordinator"].has_perm("press.change_pressrelease")
    assert org_b.preparation_group.name == "Beredning: Fiktiva förbundet"
    assert Group.objects.filter(name=PREPARATION_GROUP).exists()


def test_the_board_of_a_cannot_approve_bs_release_and_bs_board_can(client, two, board_member, admin_user):
    release = submitted(two["release"], two["b_coordinator"])
    task_state = release.current_workflow_task_state
    task = task_state.task.specific
    assert task.get_actions(release, board_member) == []
    assert not task.user_can_access_editor(release, board_member)
    assert task.get_task_states_user_can_moderate(board_member).count() == 0
    assert [name for name, _label, _modal in task.get_actions(release, two["b_board"])][0] == "reject"
    assert task.user_can_access_editor(release, two["b_board"])
    assert list(task.get_task_states_user_can_moderate(two["b_board"])) == [task_state]
    assert task.get_task_states_user_can_moderate(admin_user).count() == 1

    approve = snippet_url(PressRelease, "workflow_action", release.pk, "approve", task_state.pk)
    login(client, board_member)
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (403, 404)
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    assert task.approvals_for(task_state).count() == 0


def test_the_submission_email_goes_to_the_releases_board_only(two, board_member, admin_user):
    release = submitted(two["release"], two["b_coordinator"])
    recipients = set(BoardSubmissionNotifier().get_recipient_users(release.current_workflow_task_state))
    assert two["b_board"] in recipients and admin_user in recipients
    assert board_member not in recipients


def test_bs_board_member_sees_the_release_on_the_dashboard_and_as_board_does_not(client, two, board_member):
    submitted(two["release"], two["b_coordinator"])
    login(client, two["b_board"])
    assert f"{SECRET} pressmeddelande" in client.get(reverse("wagtailadmin_home")).content.decode()
    login(client, board_member)
    assert f"{SECRET} pressmeddelande" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_platform_administrator_switches_association(client, two, admin_user):
    login(client, admin_user)
    url = reverse("home_association_switch")
    assert switch_in_menu(client) is True
    page = client.get(url).content.decode()
    assert "Byt förbund" in page and "Fiktiva förbundet" in page
    assert f"{SECRET} pressmeddelande" not in client.get(snippet_url(PressRelease, "list")).content.decode()
    response = client.post(url, {"association": two["b"].pk})
    assert response.status_code == 302
    assert f"{SECRET} pressmeddelande" in client.get(snippet_url(PressRelease, "list")).content.decode()
    assert client.get(snippet_url(PressRelease, "edit", two["release"].pk)).status_code == 200


def switch_in_menu(client):
    """Whether the admin menu (the sidebar's JSON) offers "Byt förbund"."""
    return reverse("home_association_switch") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_switching_refuses_an_association_the_user_does_not_work_in(client, two, coordinator):
    login(client, coordinator)
    assert switch_in_menu(client) is False
    response = client.post(reverse("home_association_switch"), {"association": two["b"].pk})
    assert response.status_code == 400
    assert "Välj ett av förbunden i listan." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_switching_needs_the_csrf_token(two, admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.post(reverse("home_association_switch"), {"association": two["b"].pk}).status_code == 403
    assert SESSION_KEY not in client.session


def test_a_user_of_two_associations_switches_between_them(client, two, coordinator):
    coordinator.groups.add(OrganisationSettings.for_site(two["b"]).coordinator_group)
    assert list(of_user(coordinator)) == [two["a"], two["b"]]
    login(client, coordinator)
    assert switch_in_menu(client) is True
    assert client.get(snippet_url(PressRelease, "edit", two["release"].pk)).status_code == 404
    assert client.post(reverse("home_association_switch"), {"association": two["b"].pk}).status_code == 302
    assert client.get(snippet_url(PressRelease, "edit", two["release"].pk)).status_code == 200


def add_bare_associations(count):
    for index in range(count):
        site = make_association(f"Förbund {index}", f"forbund{index}.localhost")
        PressRelease.objects.create(association=site, title=f"{SECRET} {index}", slug=f"r{index}", lead="x")
        Subscriber.objects.create(association=site, email=f"p{index}@b.example", name=SECRET)
        Delivery.objects.create(
            mailing=Mailing.objects.create(association=site, content_type_id=1, object_id=str(index), subject=SECRET),
            email=f"p{index}@b.example",
        )


def listing_queries(client, url):
    client.get(url)  # warm caches that do not depend on the data
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert not leaked(response)
    return len(queries)


def test_admin_listing_queries_do_not_grow_with_the_number_of_associations(client, two, coordinator):
    urls = [
        snippet_url(PressRelease, "list"),
        reverse("network_subscriber:index"),
        reverse("network_mailing:index"),
        reverse("wagtailadmin_home"),
    ]
    login(client, coordinator)
    at_two = {url: listing_queries(client, url) for url in urls}
    add_bare_associations(18)
    assert Site.objects.count() == 20
    at_twenty = {url: listing_queries(client, url) for url in urls}
    assert at_twenty == at_two
