"""Server-side half of the admin injection test: hostile objects in the live site's database.

Run inside the browser tests' server environment through ``manage.py shell`` (see
test_e2e_admin_injection.py): ``poison()`` creates a press release in review, an
activity, a news page and a subscriber with the payload of tests/security/test_xss.py
plus HTML-injection markers in every text field, and returns the admin URLs that
show them; ``clean(ids)`` removes them again so other browser tests see the demo.
"""

import json
import uuid

import wagtail_factories
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image

from activities.models import Activity
from home.models import HomePage, NewsIndexPage, NewsPage, Person
from network.models import MailingList, Subscriber
from press.models import PressRelease, PressReleaseContact
from tests.security.test_xss import PAYLOAD, Poisoner

# Markup that must never become an element: a redirecting meta refresh and marked elements.
MARKER = "data-injected"
INJECTION = f'<meta http-equiv="refresh" content="0;url=/injected/" {MARKER}><b {MARKER}>b</b>{PAYLOAD}'


def url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def snippet_urls(obj):
    viewset = obj.snippet_viewset
    name = viewset.get_url_name
    urls = [url(name("list")) + "?q=alert", url(name("list"))]
    for view in ("edit", "inspect", "history", "usage", "delete", "workflow_history", "unpublish"):
        urls.append(url(name(view), obj.pk))
    revision = getattr(obj, "latest_revision", None)
    if revision is not None:
        urls.append(url(name("revisions_view"), obj.pk, revision.pk))
        first = obj.revisions.order_by("pk").first()
        urls.append(url(name("revisions_compare"), obj.pk, first.pk, revision.pk))
    task_state = getattr(obj, "current_workflow_task_state", None)
    if task_state is not None:
        urls.append(url(name("workflow_preview"), obj.pk, task_state.task_id))
    return urls


def poison():
    token = uuid.uuid4().hex[:8]
    image = Image.objects.first() or wagtail_factories.ImageFactory(title="Bild")
    document = Document.objects.first() or wagtail_factories.DocumentFactory(title="Dokument")
    home = HomePage.objects.first()
    poisoner = Poisoner(image, document, home, payload=INJECTION)
    coordinator = User.objects.get(username="samordnare")

    release = PressRelease(slug=f"xss-{token}")
    poisoner.fields(release)
    # An embed needs a real provider's URL (the form would refuse the release and its preview).
    stream = PressRelease._meta.get_field("body").stream_block
    release.body = json.dumps([block for block in poisoner.block_value(stream) if block["type"] != "embed"])
    release.save()
    release.distribution.set(MailingList.objects.filter(slug="media"))
    person = Person(email=f"xss-{token}@example.org")
    poisoner.fields(person)
    person.save()
    PressReleaseContact.objects.create(release=release, person=person)
    release.save_revision(user=coordinator)
    release.get_workflow().start(release, coordinator)
    release = PressRelease.objects.get(pk=release.pk)

    activity = Activity(plan_year=2026, sort_order=999)
    poisoner.fields(activity)
    activity.live = False
    activity.save()
    activity.save_revision(user=coordinator)

    news_index = NewsIndexPage.objects.first()
    page = NewsPage(slug=f"xss-{token}", live=False)
    poisoner.fields(page)
    news_index.add_child(instance=page)
    page.save_revision(user=coordinator)

    subscriber = Subscriber(email=f"xss-{token}@example.org")
    poisoner.fields(subscriber)
    subscriber.save()

    page_revision = page.latest_revision
    urls = [
        url("wagtailadmin_home"),
        url("wagtailadmin_explore", news_index.pk),
        url("wagtailadmin_pages:search") + "?q=alert",
        url("wagtailadmin_pages:edit", page.pk),
        url("wagtailadmin_pages:history", page.pk),
        url("wagtailadmin_pages:usage", page.pk),
        url("wagtailadmin_pages:delete", page.pk),
        url("wagtailadmin_pages:copy", page.pk),
        url("wagtailadmin_pages:revisions_view", page.pk, page_revision.pk),
        url("wagtailadmin_reports:site_history"),
        url("wagtailadmin_reports:workflow"),
        url("wagtailadmin_reports:workflow_tasks"),
        url("wagtailadmin_reports:aging_pages"),
        url("network_subscriber:index") + "?q=xss",
        url("network_subscriber:edit", subscriber.pk),
        url("network_subscriber:inspect", subscriber.pk),
        url("network_subscriber:history", subscriber.pk),
        url("network_subscriber:delete", subscriber.pk),
        *snippet_urls(release),
        *snippet_urls(person),
        *snippet_urls(activity),
    ]
    previews = [
        {
            "edit": url("wagtailadmin_pages:edit", page.pk),
            "preview": url("wagtailadmin_pages:preview_on_edit", page.pk),
            "modes": [mode for mode, _label in page.preview_modes],
        }
    ]
    for obj in (release, activity):
        name = obj.snippet_viewset.get_url_name
        if hasattr(obj, "preview_modes"):
            previews.append(
                {
                    "edit": url(name("edit"), obj.pk),
                    "preview": url(name("preview_on_edit"), obj.pk),
                    "modes": [mode for mode, _label in obj.preview_modes],
                }
            )
    return {
        "urls": sorted({u for u in urls if u}),
        "previews": previews,
        "board": [url(release.snippet_viewset.get_url_name("edit"), release.pk), url("wagtailadmin_home")],
        "release_edit": url(release.snippet_viewset.get_url_name("edit"), release.pk),
        "ids": {
            "release": release.pk,
            "activity": activity.pk,
            "page": page.pk,
            "subscriber": subscriber.pk,
            "person": person.pk,
        },
        "token": token,
    }


def clean(ids):
    PressRelease.objects.filter(pk=ids["release"]).delete()
    Activity.objects.filter(pk=ids["activity"]).delete()
    for page in NewsPage.objects.filter(pk=ids["page"]):
        page.delete()
    Subscriber.objects.filter(pk=ids["subscriber"]).delete()
    Person.objects.filter(pk=ids["person"]).delete()
