"""Press details: contacts picked from the contact persons, releases in the sitemap, RSS and Atom linked."""

import feedparser
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from home.models import Person
from press.models import PressRelease, PressReleaseContact
from tests.press.conftest import admin_url, release_form_data
from tests.press.test_press_room import publish_many

pytestmark = pytest.mark.django_db


def test_the_release_form_offers_the_contact_persons_instead_of_text_fields(admin_client, press_room):
    html = admin_client.get(admin_url("add")).content.decode()
    assert 'name="contacts-__prefix__-person"' in html
    assert 'name="contacts-__prefix__-name"' not in html and 'name="contacts-__prefix__-phone"' not in html


def test_a_picked_contact_person_shows_with_their_current_details(client, admin_client, press_room):
    person = Person.objects.create(name="Maria Lindberg", role="Samordnare", phone="0950-123 45")
    data = release_form_data(action="publish", slug="med-kontakt")
    data["contacts-0-person"] = str(person.pk)
    response = admin_client.post(admin_url("add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    release = PressRelease.objects.get(slug="med-kontakt")
    assert [contact.person for contact in release.contacts.all()] == [person]

    person.phone = "0950-999 99"
    person.save()
    html = client.get("/press/med-kontakt/").content.decode()
    assert "Maria Lindberg" in html and 'href="tel:0950-99999"' in html


def test_a_contact_without_a_person_is_refused(admin_client, press_room):
    data = release_form_data(action="publish", slug="utan-kontakt")
    data["contacts-0-person"] = ""
    response = admin_client.post(admin_url("add"), data)
    assert response.status_code == 200
    assert not PressRelease.objects.filter(slug="utan-kontakt").exists()


def test_deleting_a_contact_person_leaves_the_release_readable(client, draft_release):
    draft_release.latest_revision.publish()
    release = PressRelease.objects.get(pk=draft_release.pk)
    person = release.contact_people[0]
    person.delete()
    release.refresh_from_db()
    assert release.contact_people == []
    assert client.get(release.get_url()).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_turns_typed_contacts_into_contact_persons():
    executor = MigrationExecutor(connection)
    # home as it was before associations, so the plugins that only need the older home stay applied.
    before = [("press", "0002_board_workflow_and_permissions"), ("home", "0007_projectpage_decision_paragraph")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldPerson = old.get_model("home", "Person")
    Release = old.get_model("press", "PressRelease")
    Contact = old.get_model("press", "PressReleaseContact")
    existing = OldPerson.objects.create(name="Maria Lindberg", email="maria@example.org", phone="1")
    release = Release.objects.create(title="Gammalt", slug="gammalt", lead="Ingress")
    Contact.objects.create(release=release, sort_order=0, name="Maria Lindberg", email="MARIA@example.org")
    Contact.objects.create(release=release, sort_order=1, name="Ny Person", role="Pressansvarig", phone="070-1")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    contacts = PressReleaseContact.objects.filter(release_id=release.pk).order_by("sort_order")
    assert [contact.person_id for contact in contacts][0] == existing.pk
    added = contacts[1].person
    assert (added.name, added.role, added.phone) == ("Ny Person", "Pressansvarig", "070-1")
    assert Person.objects.count() == 2


def test_releases_and_the_signup_are_in_the_sitemap(client, press_room):
    publish_many(2)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/press/pm-0/</loc>" in xml and "/press/pm-1/</loc>" in xml
    assert "/natverket/</loc>" in xml
    PressRelease.objects.filter(slug="pm-0").update(live=False)
    assert "/press/pm-0/</loc>" not in client.get("/sitemap.xml").content.decode()


def test_the_press_room_has_an_atom_feed_beside_rss(client, press_room):
    publish_many(2)
    feed = feedparser.parse(client.get("/press/feed/atom/").content)
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Pressmeddelande 1", "Pressmeddelande 0"]
    assert feed.entries[0].link.endswith("/press/pm-1/")


@pytest.mark.parametrize("path", ["/press/", "/press/pm-0/"])
def test_the_press_pages_link_both_feeds(client, press_room, path):
    publish_many(1)
    html = client.get(path).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Pressmeddelanden (RSS)" href="/press/feed/">' in html
    )
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Pressmeddelanden (Atom)" href="/press/feed/atom/">'
        in html
    )
