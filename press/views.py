"""Admin views and list columns of the press release viewset."""

import json

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import EditView, HistoryView, PreviewOnEditView, WorkflowActionView

from press import embargo
from press.publishing import approval_outlook


class WorkflowStateColumn(Column):
    """The release's current workflow step, e.g. "Styrelsebeslut: väntar"."""

    def __init__(self, **kwargs):
        super().__init__("workflow_state", label=gettext_lazy("Granskning"), **kwargs)

    def get_value(self, instance):
        state = instance.current_workflow_state
        if state is None:
            return ""
        task = state.current_task_state.task if state.current_task_state else None
        return f"{state.get_status_display()}: {task}" if task else state.get_status_display()


class DistributionColumn(Column):
    def __init__(self, **kwargs):
        super().__init__("distribution", label=gettext_lazy("Sändlistor"), **kwargs)

    def get_value(self, instance):
        return ", ".join(mailing_list.name for mailing_list in instance.distribution.all())


def reviewing(user, release):
    """True when ``user`` may open ``release`` in the editor because it awaits their review."""
    task = release.current_workflow_task
    return task is not None and task.user_can_access_editor(release, user)


class PressReleasePreviewOnEditView(PreviewOnEditView):
    """Preview in every mode (web, email HTML, email text) also for the board member reviewing the release."""

    def user_has_permission(self, permission):
        return super().user_has_permission(permission) or (
            permission == "change" and reviewing(self.request.user, self.object)
        )

    def user_has_permission_for_instance(self, permission, instance):
        return super().user_has_permission_for_instance(permission, instance) or (
            permission == "change" and reviewing(self.request.user, instance)
        )


class PressReleaseHistoryView(HistoryView):
    """The board reads the history of the releases it decides on."""

    any_permission_required = ["add", "change", "delete", "publish"]


class PressReleaseEditView(EditView):
    """The release editor; while the board reviews a release, only a superuser may act on it here.

    ``BoardDecisionTask.locked_for_user`` refuses saves; this refuses the
    actions that pass a lock (cancelling the workflow) or skip the board
    (publishing, approving through the edit form), and writes a superuser's
    override to the audit log. The board approves through the workflow dialog.
    Revisions are reverted through this view too (Wagtail derives that view from it).
    """

    def get_available_actions(self):
        if not self.in_review:
            return super().get_available_actions()
        if not self.request.user.is_superuser:
            return ["edit"]
        # Wagtail would start a second workflow and fail on its unique constraint.
        return [action for action in super().get_available_actions() if action != "submit"]

    @property
    def in_review(self):
        return bool(self.object and self.object.workflow_in_progress)

    def post(self, request, *args, **kwargs):
        in_review = self.in_review
        response = super().post(request, *args, **kwargs)
        if in_review and request.user.is_superuser and self.action != "workflow-action" and succeeded(response):
            log(
                instance=self.object,
                action="press.board_override",
                user=request.user,
                data={"action": self.action},
            )
        return response


def succeeded(response):
    """True when the editor's POST took effect: a redirect, or an autosave that reports success."""
    if response.status_code == 302:
        return True
    if response.headers.get("Content-Type") == "application/json":
        return json.loads(response.content).get("success") is True
    return False


class PressReleaseWorkflowActionView(WorkflowActionView):
    """The board's approve/reject dialog, followed by a Swedish confirmation of what was done."""

    def post(self, request, *args, **kwargs):
        outlook = approval_outlook(self.task_state, request.user) if self.action_name == "approve" else None
        response = super().post(request, *args, **kwargs)
        if response.headers.get("Content-Type") == "application/json" and b'"step": "action"' in response.content:
            return response  # the dialog shows the form's errors
        self.task_state.refresh_from_db()
        release = self.model.objects.get(pk=self.object.pk)
        title = release.get_latest_revision_as_object().title
        message = decision_message(self.action_name, self.task_state, release, title, outlook, request.user)
        (messages.success if message[0] else messages.error)(request, message[1])
        return response


def decision_message(action, task_state, release, title, outlook, user):
    """(success, Swedish text) saying what the board member's decision did."""
    values = {"title": title}
    if action == "reject":
        if task_state.status == task_state.STATUS_REJECTED and task_state.finished_by_id == user.pk:
            text = _("Du har begärt ändringar i ”%(title)s”. Samordnaren ser din kommentar i pressmeddelandet.")
            return True, text % values
        return False, _("Inga ändringar begärdes i ”%(title)s”: skriv vad som behöver ändras.") % values
    if outlook is None:
        return False, _("”%(title)s” väntar inte längre på styrelsens beslut.") % values
    values.update(count=outlook["recipients"], required=outlook["required"])
    if task_state.status == task_state.STATUS_APPROVED:
        if outlook["go_live_at"]:
            values["when"] = date_format(localtime(outlook["go_live_at"]), "j F Y \\k\\l. H.i")
            text = _("”%(title)s” är godkänt och publiceras %(when)s; då skickas det till %(count)s mottagare.")
            if outlook["media_now"]:
                values["media"] = ", ".join(outlook["media_now"])
                text += " " + _("%(media)s får det redan nu, märkt med embargotiden.")
        elif outlook["already_sent"]:
            text = _("”%(title)s” är publicerat. Det har skickats ut tidigare och skickas inte igen.")
        else:
            text = _("”%(title)s” är publicerat och köat för utskick till %(count)s mottagare.")
        return release.live or bool(outlook["go_live_at"]), text % values
    if task_state.status == task_state.STATUS_IN_PROGRESS:
        values["given"] = task_state.task.specific.approvals_for(task_state).count()
        text = _(
            "Ditt godkännande av ”%(title)s” är registrerat: %(given)s av %(required)s. "
            "Pressmeddelandet publiceras när tillräckligt många har godkänt."
        )
        return True, text % values
    return False, _("”%(title)s” väntar inte längre på styrelsens beslut.") % values


class EmbargoForm(forms.Form):
    """Move the embargo to a new time, telling the media or not; or lift it."""

    when = forms.DateTimeField(
        label=gettext_lazy("Ny embargotid"),
        required=False,
        widget=AdminDateTimeInput,
        error_messages={"invalid": gettext_lazy("Skriv datum och tid som 2026-12-03 10:00.")},
    )
    inform = forms.BooleanField(
        label=gettext_lazy("Meddela medierna som redan fått pressmeddelandet den nya tiden"),
        required=False,
        initial=True,
    )

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get("action") == "move" and not self.errors and cleaned_data.get("when") is None:
            self.add_error("when", _("Välj den nya embargotiden."))
        return cleaned_data


class EmbargoView(View):
    """Flytta eller häv embargot of an approved, scheduled release: for those who may publish it (the board)."""

    template_name = "press/admin/embargo.html"
    model = None
    permission_policy = None
    edit_url_name = None

    def dispatch(self, request, pk):
        self.object = get_object_or_404(self.model, pk=unquote(pk))
        if not self.permission_policy.user_has_permission(request.user, "publish"):
            raise PermissionDenied
        self.edit_url = reverse(self.edit_url_name, args=[quote(self.object.pk)])
        if embargo.embargo_time(self.object) is None:
            messages.error(
                request, _("Pressmeddelandet har inget embargo att ändra: det är inte godkänt och schemalagt.")
            )
            return redirect(self.edit_url)
        return super().dispatch(request, pk)

    def render(self, form):
        context = {
            "object": self.object,
            "form": form,
            "embargo": embargo.format_time(self.object.go_live_at),
            "media_informed": embargo.advance_mailings(self.object).exists(),
            "edit_url": self.edit_url,
        }
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request, pk):
        return self.render(EmbargoForm(initial={"when": self.object.go_live_at}))

    def post(self, request, pk):
        form = EmbargoForm(request.POST)
        action = request.POST.get("action")
        if action not in ("move", "lift") or not form.is_valid():
            if action not in ("move", "lift"):
                form.add_error(None, _("Välj om embargot ska flyttas eller hävas."))
            return self.render(form)
        values = {"title": self.object.title}
        try:
            if action == "lift":
                embargo.lift(self.object, user=request.user)
                messages.success(
                    request, _("Embargot för ”%(title)s” är hävt: det är publicerat och skickas ut.") % values
                )
            else:
                sent = embargo.move(
                    self.object, form.cleaned_data["when"], user=request.user, inform=form.cleaned_data["inform"]
                )
                values["when"] = embargo.format_time(form.cleaned_data["when"])
                text = _("Embargot för ”%(title)s” är flyttat till %(when)s.")
                if sent is not None:
                    text += " " + _("Medierna får den nya tiden med e-post.")
                messages.success(request, text % values)
        except ValidationError as error:
            form.add_error("when" if action == "move" else None, error.messages)
            return self.render(form)
        return redirect(self.edit_url)
