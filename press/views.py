"""Admin views and list columns of the press release viewset."""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import HistoryView, PreviewOnEditView

from press.publishing import announce_release


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


class ResendView(View):
    """Skicka igen: send a live release to its lists once more, after confirmation; board and admins only."""

    model = None
    permission_policy = None
    edit_url_name = None
    template_name = "press/admin/confirm_resend.html"

    def dispatch(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "publish"):
            raise PermissionDenied
        self.object = get_object_or_404(self.model, pk=unquote(pk))
        self.edit_url = self.get_edit_url()
        if not self.object.live:
            messages.error(request, _("Bara publicerade pressmeddelanden kan skickas igen."))
            return redirect(self.edit_url)
        return super().dispatch(request, pk)

    def get_edit_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])

    def get(self, request, pk):
        return TemplateResponse(request, self.template_name, {"object": self.object, "edit_url": self.edit_url})

    def post(self, request, pk):
        announce_release(self.object, user=request.user, resend=True)
        messages.success(request, _("”%(title)s” skickas igen till sändlistorna.") % {"title": self.object.title})
        return redirect(self.edit_url)


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
