"""Fixtures for the press tests: the site with its press room, releases and admin URLs."""

import pytest
from django.contrib.admin.utils import quote
from django.core import mail
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import Person
from press.models import PressRelease, PressRoomPage
from tests.press.factories import PressReleaseFactory


@pytest.fixture
def press_room(home_page):
    """The press room that init_site built through the press plugin's ``register_site_pages`` hook."""
    return PressRoomPage.objects.child_of(home_page).get()


@pytest.fixture
def draft_release(db, press_room):
    release = PressReleaseFactory()
    release.save_revision()
    return release


def admin_url(name, *args):
    return reverse(PressRelease.snippet_viewset.get_url_name(name), args=[quote(arg) for arg in args])


def approve_url(release, action="approve"):
    release.refresh_from_db()
    task_state = release.current_workflow_task_state
    return admin_url("workflow_action", release.pk, action, task_state.pk)


def release_form_data(release=None, *, action=None, **fields):
    """POST data of the admin form for a new release, or for ``release`` as it is, with ``fields`` changed."""
    from network.models import MailingList

    person, _created = Person.objects.get_or_create(
        name="Sam Ordnare", defaults={"role": "Samordnare", "phone": "0950-123 45", "email": "sam@example.org"}
    )
    contacts = [{"person": str(person.pk)}]
    initial = 0
    images = []
    if release is not None:
        contacts = [{"id": str(c.pk), "person": str(c.person_id or "")} for c in release.contacts.all()]
        initial = len(contacts)
        images = [{"id": str(i.pk), "press_image": str(i.press_image_id)} for i in release.images.all()]
    values = {
        "title": release.title if release else "Nytt projekt för unga vuxna",
        "slug": release.slug if release else "nytt-projekt-for-unga-vuxna",
        "lead": release.lead if release else "Styrelsen har beviljat medel till ett nytt projekt.",
        "main_image_alt": "",
        "main_image_credit": "",
        "main_image": "",
        "related_page": "",
        "go_live_at": "",
        "expire_at": "",
        **fields,
    }
    data = nested_form_data(
        {
            **values,
            "body": streamfield([("paragraph", rich_text("<p>Projektet startar i höst.</p>"))]),
            "contacts": inline_formset(contacts, initial=initial),
            "images": inline_formset(values.pop("images", images), initial=len(images)),
        }
    )
    slugs = release.distribution_slugs if release else ["media", "natverket"]
    data["distribution"] = [str(pk) for pk in MailingList.objects.filter(slug__in=slugs).values_list("pk", flat=True)]
    if action:
        data[f"action-{action}"] = "1"
    return data


def is_denied(response):
    """Wagtail's admin answers a denial with 403, or by redirecting to the dashboard or the login page."""
    if response.status_code in (403, 404):
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and (location == "/admin/" or location.startswith("/admin/login/"))


def press_emails():
    """The press releases sent so far (the test outbox's messages with a press release's subject)."""
    return [message for message in mail.outbox if message.subject.startswith("Pressmeddelande:")]
