"""Status follows the work: publishing what an activity links to marks it as started."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from activities.choices import Status
from activities.models import Activity, ActivityLink

STATUS_FOLLOWS_ACTION = "activities.status_follows"


def start_linked_activities(links, source):
    """Move the planned activities of ``links`` to started and log why; return those changed.

    The live row and the latest revision both get the new status, so an editor
    opening the activity sees it and publishing a pending draft keeps it.
    A pending draft is never published on the editor's behalf.
    """
    changed = []
    now = timezone.now()
    with transaction.atomic():
        planned = Activity.objects.filter(pk__in=links.values("activity_id"), status=Status.PLANNED)
        if isinstance(source, Activity):
            planned = planned.exclude(pk=source.pk)
        for activity in planned.select_for_update():
            Activity.objects.filter(pk=activity.pk).update(status=Status.STARTED, status_changed_at=now)
            if activity.latest_revision_id:
                pending_draft = activity.has_unpublished_changes
                draft = activity.get_latest_revision_as_object()
                draft.status, draft.status_changed_at = Status.STARTED, now
                revision = draft.save_revision(log_action=False, clean=False)
                if not pending_draft:
                    Activity.objects.filter(pk=activity.pk).update(
                        has_unpublished_changes=False, live_revision=revision
                    )
            activity.status, activity.status_changed_at = Status.STARTED, now
            log(
                instance=activity,
                action=STATUS_FOLLOWS_ACTION,
                data={
                    "from": Status.PLANNED.value,
                    "to": Status.STARTED.value,
                    "source": {"model": source._meta.label_lower, "id": str(source.pk), "title": str(source)},
                },
            )
            changed.append(activity)
    return changed


def page_published_handler(sender, instance, **kwargs):
    start_linked_activities(ActivityLink.objects.filter(page_id=instance.pk), instance)


def published_handler(sender, instance, **kwargs):
    if isinstance(instance, Page):
        return  # page_published covers pages
    links = ActivityLink.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    )
    start_linked_activities(links, instance)
