"""Status follows the work: publishing a linked page or snippet starts a planned activity, logged."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from activities.choices import Status
from activities.models import Activity, ActivityLink
from home.models import StandardPage
from tests.activities.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_page(home_page):
    page = StandardPage(title="Förbundets hemsida är öppnad", slug="hemsidan-oppnad")
    home_page.add_child(instance=page)
    return page


def follows_log(activity):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Activity),
        object_id=str(activity.pk),
        action="activities.status_follows",
    )


def test_publishing_a_linked_page_starts_the_planned_activity_and_logs_it(news_page):
    planned = ActivityFactory(title="Förbundets hemsida utvecklas")
    done = ActivityFactory(title="Framtagande av logga (profil)", status=Status.DONE)
    unrelated = ActivityFactory(title="Lokal erfarenhetskonferens")
    for activity in (planned, done):
        ActivityLink.objects.create(activity=activity, page=news_page)
    before = Activity.objects.get(pk=planned.pk).status_changed_at

    news_page.save_revision().publish()

    planned.refresh_from_db()
    assert planned.status == Status.STARTED
    assert planned.status_changed_at > before
    assert planned.live and not planned.has_unpublished_changes
    assert planned.get_latest_revision_as_object().status == Status.STARTED
    assert planned.live_revision_id == planned.latest_revision_id
    entry = follows_log(planned).get()
    assert entry.data["from"] == "planerad" and entry.data["to"] == "paborjad"
    assert entry.data["source"] == {"model": "home.standardpage", "id": str(news_page.pk), "title": news_page.title}
    assert Activity.objects.get(pk=done.pk).status == Status.DONE
    assert not follows_log(done).exists()
    assert Activity.objects.get(pk=unrelated.pk).status == Status.PLANNED

    news_page.save_revision().publish()  # publishing again changes nothing more
    assert follows_log(planned).count() == 1


def test_a_pending_draft_is_kept_as_draft_with_the_new_status(news_page):
    activity = ActivityFactory(title="Pressmeddelande")
    ActivityLink.objects.create(activity=activity, page=news_page)
    draft = activity.get_latest_revision_as_object()
    draft.content = "Ny text som inte är publicerad"
    draft.save_revision()

    news_page.save_revision().publish()

    activity.refresh_from_db()
    assert activity.status == Status.STARTED
    assert activity.has_unpublished_changes
    assert activity.content != "Ny text som inte är publicerad"
    latest = activity.get_latest_revision_as_object()
    assert latest.content == "Ny text som inte är publicerad"
    assert latest.status == Status.STARTED


def test_publishing_a_linked_snippet_starts_the_activity(db):
    source = ActivityFactory(title="Pressmeddelande om nytt projekt", publish=False, live=False)
    follower = ActivityFactory(title="Medieaktivitet vid tre utgivningstillfällen")
    ActivityLink.objects.create(
        activity=follower, content_type=ContentType.objects.get_for_model(Activity), object_id=str(source.pk)
    )
    ActivityLink.objects.create(
        activity=source, content_type=ContentType.objects.get_for_model(Activity), object_id=str(source.pk)
    )

    source.save_revision().publish()

    assert Activity.objects.get(pk=follower.pk).status == Status.STARTED
    assert follows_log(follower).get().data["source"]["id"] == str(source.pk)
    assert Activity.objects.get(pk=source.pk).status == Status.PLANNED  # its own publication is not progress
