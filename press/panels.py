"""Panels of the press release editor: the fact box, the board's votes, the mailings, the schedule."""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.panels import Panel, PublishingPanel
from wagtail.models import TaskState
from wagtail.permission_policies import ModelPermissionPolicy

from home.publishing import is_live_now
from network.api import mailings_for, progress
from press.facts import current_fact_box
from press.workflows import BoardDecisionTask, locked_by_review


class _ReadOnlyPanel(Panel):
    template_name = ""

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template_name


class FactBoxPanel(_ReadOnlyPanel):
    """Shows the fact box the release carries, or the one it will get, or why it cannot be published."""

    template_name = "press/admin/fact_box_panel.html"

    class BoundPanel(_ReadOnlyPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["frozen"] = bool(self.instance.fact_box)
            context["fact_box"] = self.instance.fact_box or current_fact_box(self.instance.association_id)
            return context


class ApprovalProgressPanel(_ReadOnlyPanel):
    """The board's decision so far: who approved the revision under review, out of how many needed,
    and the last request for changes with its comment (so the coordinator reads it here, not only by email)."""

    template_name = "press/admin/approval_progress_panel.html"

    class BoundPanel(_ReadOnlyPanel.BoundPanel):
        def is_shown(self):
            return bool(self.instance.pk) and (self.task_state is not None or self.rejection is not None)

        @cached_property
        def task_state(self):
            task_state = self.instance.current_workflow_task_state
            if task_state is None or not isinstance(task_state.task.specific, BoardDecisionTask):
                return None
            return task_state

        @cached_property
        def rejection(self):
            workflow_state = self.instance.current_workflow_state
            if workflow_state is None:
                return None
            rejected = workflow_state.task_states.filter(status=TaskState.STATUS_REJECTED)
            return rejected.select_related("finished_by").order_by("-finished_at").first()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["rejection"] = self.rejection
            task_state = self.task_state
            if task_state is not None:
                task = task_state.task.specific
                context["approvals"] = list(task.approvals_for(task_state))
                context["required"] = task.required_approvals
            return context


class MailingProgressPanel(_ReadOnlyPanel):
    """The release's mailings with their progress, and the explicit resend for those allowed to."""

    template_name = "press/admin/mailing_progress_panel.html"

    class BoundPanel(_ReadOnlyPanel.BoundPanel):
        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["mailings"] = [(mailing, progress(mailing)) for mailing in mailings_for(self.instance)]
            policy = ModelPermissionPolicy(type(self.instance))
            if is_live_now(self.instance) and policy.user_has_permission(self.request.user, "publish"):
                context["resend_url"] = reverse(
                    self.instance.snippet_viewset.get_url_name("resend"), args=[quote(self.instance.pk)]
                )
            return context


class ReviewPublishingPanel(PublishingPanel):
    """Wagtail's schedule dialog (go-live and expiry), left out while the board reviews the release."""

    class BoundPanel(PublishingPanel.BoundPanel):
        def is_shown(self):
            return super().is_shown() and not locked_by_review(self.instance, self.request.user)
