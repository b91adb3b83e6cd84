"""Panels of the press release and event editors: the fact box, the board's votes, the mailings, the
registrations, the PDF, the schedule."""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel, PublishingPanel
from wagtail.models import TaskState
from wagtail.permission_policies import ModelPermissionPolicy

from home.publishing import is_live_now
from network.api import deliveries_for, mailing_statistics, mailings_for
from press import embargo
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


# Recipients listed by name on the release's page; a larger mailing says how many more there are.
DELIVERIES_SHOWN = 200
MAILING_KINDS = {
    embargo.EMBARGO: _("under embargo, till medierna"),
    embargo.EMBARGO_MOVED: _("ny embargotid, till medierna"),
}


def mailing_label(mailing, earlier_publication):
    """What a mailing of the release was: under embargo, the new embargo time, or a resend."""
    if mailing.kind in MAILING_KINDS:
        return MAILING_KINDS[mailing.kind]
    return _("skickat igen") if earlier_publication else ""


class MailingProgressPanel(_ReadOnlyPanel):
    """The release's mailings with their progress and statistics, who received it and when, the embargo
    (with the move/lift dialog) and the explicit resend, for those allowed to."""

    template_name = "press/admin/mailing_progress_panel.html"

    class BoundPanel(_ReadOnlyPanel.BoundPanel):
        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            mailings = list(mailings_for(self.instance))
            publications = [mailing for mailing in mailings if mailing.kind not in MAILING_KINDS]
            context["mailings"] = [
                (mailing, mailing_statistics(mailing)["totals"], mailing_label(mailing, mailing in publications[:-1]))
                for mailing in mailings
            ]
            deliveries = deliveries_for(self.instance)
            context["deliveries"] = list(deliveries[:DELIVERIES_SHOWN])
            context["more_deliveries"] = max(0, deliveries.count() - DELIVERIES_SHOWN) if mailings else 0
            policy = ModelPermissionPolicy(type(self.instance))
            may_publish = policy.user_has_permission(self.request.user, "publish")
            url_name = self.instance.snippet_viewset.get_url_name
            if is_live_now(self.instance) and may_publish:
                context["resend_url"] = reverse(url_name("resend"), args=[quote(self.instance.pk)])
            when = embargo.embargo_time(self.instance)
            if when is not None:
                context["embargo"] = embargo.mark(when)
                if may_publish:
                    context["embargo_url"] = reverse(url_name("embargo"), args=[quote(self.instance.pk)])
            return context


class PdfPanel(_ReadOnlyPanel):
    """Where the published release's PDF version is (press room ``<slug>/pdf/``), to print or attach."""

    template_name = "press/admin/pdf_panel.html"

    class BoundPanel(_ReadOnlyPanel.BoundPanel):
        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            url = self.instance.get_url() if is_live_now(self.instance) else None
            context["pdf_url"] = url + "pdf/" if url else ""
            return context


class RegistrationsPanel(_ReadOnlyPanel):
    """Who registered for the event through the site's form, with the count against its places."""

    template_name = "press/admin/registrations_panel.html"

    class BoundPanel(_ReadOnlyPanel.BoundPanel):
        def is_shown(self):
            return bool(self.instance.pk) and self.instance.registration_form

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["registrations"] = list(self.instance.registrations.all())
            context["capacity"] = self.instance.capacity
            return context


class ReviewPublishingPanel(PublishingPanel):
    """Wagtail's schedule dialog (go-live and expiry), left out while the board reviews the release."""

    class BoundPanel(PublishingPanel.BoundPanel):
        def is_shown(self):
            return super().is_shown() and not locked_by_review(self.instance, self.request.user)
