"""The case room (Beredning och beslut): one admin screen per case where each role does its part.

The preparation group reads the case and comments, the coordinator writes the proposal, the
board records the decision. Every POST is checked against the permission of its step
(applications/0002), whatever the page showed, so a role that cannot act gets 403 and nothing
changes. The applicant never sees this screen; their status page shows neither comments nor
the proposal.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from applications import decisions
from applications.models import Application, Comment, Decision, Proposal
from applications.permissions import may, working_association_id
from applications.preparation_forms import CommentForm, DecisionForm, ProposalForm

VIEW_CASE = "applications.view_application"
# Each step: the permission it needs, its form, and what doing it means.
STEPS = {
    "comment": "applications.add_comment",
    "propose": "applications.add_proposal",
    "decide": "applications.add_decision",
}


def room_url(application):
    return reverse("applications_case_room", args=[application.pk])


def review_url(release):
    """Where the board reviews a decision's release: its editor, which the board's task opens to it
    (the board may not edit, so ``AdminURLFinder`` would give it no link)."""
    viewset = getattr(release, "snippet_viewset", None)
    return reverse(viewset.get_url_name("edit"), args=[quote(release.pk)]) if viewset else ""


class CaseRoomView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "applications/admin/case_room.html"
    page_title = gettext_lazy("Beredning och beslut")
    header_icon = "form"

    def dispatch(self, request, pk):
        # Only the cases of the association the admin works in, read by its own groups.
        self.application = get_object_or_404(
            Application.objects.filter(association_id=working_association_id(request))
            .select_related("preparation_meeting")
            .prefetch_related("parties", "attachments"),
            pk=pk,
        )
        if not may(request.user, self.application.association, VIEW_CASE):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        return [
            *items,
            {"url": reverse(Application.snippet_viewset.get_url_name("list")), "label": _("Ärenden")},
            {"url": "", "label": self.application.number},
        ]

    def decision(self):
        return Decision.objects.filter(application=self.application).select_related("meeting", "project_page").first()

    def proposal(self):
        return Proposal.objects.filter(application=self.application).select_related("written_by").first()

    def available_steps(self):
        """The steps this user may take on the case now: comment any time, propose and decide while it is open."""
        is_open = self.application.status in (Application.Status.RECEIVED, Application.Status.IN_PREPARATION)
        user, association = self.request.user, self.application.association
        return [
            step
            for step, permission in STEPS.items()
            if may(user, association, permission) and (step == "comment" or is_open)
        ]

    def step_form(self, step, data=None):
        kwargs = {"data": data, "prefix": step}
        if step == "comment":
            return CommentForm(**kwargs)
        if step == "propose":
            return ProposalForm(instance=self.proposal(), application=self.application, **kwargs)
        return DecisionForm(application=self.application, **kwargs)

    def step_forms(self, bound=None):
        """The forms of the steps this user may take now; ``bound`` replaces one by its submitted version."""
        bound = bound or {}
        return {step: bound.get(step) or self.step_form(step) for step in self.available_steps()}

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        decision = self.decision()
        finder = AdminURLFinder(user)
        context.update(
            application=self.application,
            comments=Comment.objects.filter(application=self.application).select_related("author")
            if may(user, self.application.association, "applications.view_comment")
            else None,
            proposal=self.proposal() if may(user, self.application.association, "applications.view_proposal") else None,
            decision=decision,
            project_page_url=finder.get_edit_url(decision.project_page) if decision and decision.project_page else "",
            release_url=review_url(decision.release) if decision and decision.release else "",
            case_url=finder.get_edit_url(self.application) or "",
            forms=self.step_forms(bound),
        )
        return context

    def post(self, request, pk):
        step = request.POST.get("step", "")
        if step not in self.available_steps():
            raise PermissionDenied
        form = self.step_form(step, request.POST)
        if form.is_valid():
            try:
                message = self.take(step, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, message)
                return redirect(room_url(self.application))
        return self.render_to_response(self.get_context_data(bound={step: form}))

    def take(self, step, form):
        """Do ``step`` with the valid ``form``; return what to tell the user."""
        user, data = self.request.user, form.cleaned_data
        if step == "comment":
            decisions.add_comment(self.application, text=data["text"], user=user)
            return _("Kommentaren är sparad.")
        if step == "propose":
            decisions.save_proposal(
                self.application, outcome=data["outcome"], amount=data["amount"], text=data["text"], user=user
            )
            return _("Förslaget till beslut är sparat.")
        decision = decisions.record_decision(
            self.application,
            meeting=data["meeting"],
            paragraph=data["paragraph"],
            outcome=data["outcome"],
            amount=data["amount"],
            motivation=data["motivation"],
            user=user,
        )
        if decision.release:
            return _(
                "Beslutet är registrerat. Ett utkast till projektsida och ett pressmeddelande har skapats; "
                "pressmeddelandet väntar på styrelsens godkännande och projektsidan publiceras med det."
            )
        if decision.project_page:
            return _("Beslutet är registrerat och ett utkast till projektsida har skapats.")
        return _("Beslutet är registrerat. Den sökande får beslutet med e-post.")
