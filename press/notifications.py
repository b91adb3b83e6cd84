"""Who is told that a release awaits the board: the board of the release's association, not the task's groups."""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState
from wagtail.signals import task_submitted

from press.workflows import BoardDecisionTask

# Wagtail's own notifier's key: connected first (press is installed before wagtail.admin), ours takes its place.
DISPATCH_UID = "group_approval_task_submitted_email_notification"


class BoardSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's "submitted for approval" email; for the board's task, to the board of the release's association."""

    def get_recipient_users(self, task_state, **kwargs):
        task = task_state.task.specific
        if not isinstance(task, BoardDecisionTask):
            return super().get_recipient_users(task_state, **kwargs)
        recipients = task.board_members(task_state.workflow_state.content_object)
        if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
            recipients = recipients | get_user_model().objects.filter(is_superuser=True)
        if kwargs.get("user"):
            recipients = recipients.exclude(pk=kwargs["user"].pk)
        return recipients


def connect():
    task_submitted.connect(BoardSubmissionNotifier(), sender=TaskState, dispatch_uid=DISPATCH_UID)
