"""Dashboard panel of the press app: the releases waiting for the signed-in user."""

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState, WorkflowState

from home import associations
from home.roles import BOARD
from press.models import PressRelease
from press.workflows import BoardDecisionTask

OPEN = [WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]


def _row(release, **extra):
    return {
        "title": release.title,
        "url": reverse(release.snippet_viewset.get_url_name("edit"), args=[quote(release.pk)]),
        **extra,
    }


class WaitingForMePanel(Component):
    """ "Väntar på mig": for a board member the releases awaiting their approval; for the coordinator
    their releases sent back (with the comment), those with the board, and their unpublished drafts."""

    name = "press_waiting_for_me"
    order = 50
    template_name = "press/admin/waiting_for_me_panel.html"

    def __init__(self, request):
        self.request = request
        self.user = request.user

    @staticmethod
    def is_for(request):
        return request.user.has_perm("press.change_pressrelease") or (
            associations.current_pk(request) is not None
            and associations.has_role(request.user, request.association, BOARD)
        )

    def get_context_data(self, parent_context=None):
        # The current association's releases only; workflow states name their object by a text key.
        releases = associations.owned(self.request, PressRelease)
        states = WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(PressRelease),
            object_id__in=releases.annotate(key=Cast("pk", CharField())).values("key"),
        )
        deciding = associations.has_role(self.user, self.request.association, BOARD) and not self.user.is_superuser
        to_approve = (
            states.filter(
                status=WorkflowState.STATUS_IN_PROGRESS,
                current_task_state__task__in=BoardDecisionTask.objects.filter(active=True) if deciding else [],
            )
            .exclude(current_task_state__board_approvals__user=self.user)
            .distinct()
            .order_by("created_at")
        )
        mine = states.filter(requested_by=self.user).order_by("-created_at")
        sent_back = [
            _row(
                state.content_object,
                rejection=state.task_states.filter(status=TaskState.STATUS_REJECTED).order_by("-finished_at").first(),
            )
            for state in mine.filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
        ]
        in_workflow = {int(pk) for pk in states.filter(status__in=OPEN).values_list("object_id", flat=True)}
        drafts = (
            releases.filter(has_unpublished_changes=True, latest_revision__user=self.user)
            .exclude(pk__in=in_workflow)
            .order_by("-latest_revision__created_at")
        )
        return {
            "to_approve": [_row(state.content_object) for state in to_approve],
            "sent_back": sent_back,
            "in_review": [_row(state.content_object) for state in mine.filter(status=WorkflowState.STATUS_IN_PROGRESS)],
            "drafts": [_row(release) for release in drafts],
        }
