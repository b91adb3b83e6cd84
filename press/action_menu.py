"""The release editor's action menu while the board reviews it.

Wagtail offers a reviewer the editor's own buttons: "Publicera" and "Avbryt
arbetsflöde" (which skip the board's approval) and approve/reject buttons that
submit the edit form (refused, as the release is locked to all but
superusers). Here the bypasses are removed for everyone but superusers and the
board gets buttons that open the same approval dialog as the dashboard, which
says what approving will do.
"""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.snippets.action_menu import ActionMenuItem, CancelWorkflowMenuItem, WorkflowMenuItem

from press.workflows import locked_by_review


class ReviewMenuItem(ActionMenuItem):
    """One of the task's actions ("Godkänn", "Begär ändringar"), opened in Wagtail's workflow dialog."""

    template_name = "press/admin/review_menu_item.html"

    class Media:
        js = ["press/js/review-action.js"]

    def __init__(self, name, label, order=0):
        self.name = name
        self.label = label
        self.icon_name = "success" if name == "approve" else "edit"
        super().__init__(order=order)

    def is_shown(self, context):
        return True

    def get_url(self, parent_context):
        instance = parent_context["instance"]
        url = reverse(
            instance.snippet_viewset.get_url_name("workflow_action"),
            args=(quote(instance.pk), self.name, instance.current_workflow_task_state.pk),
        )
        edit_url = reverse(instance.snippet_viewset.get_url_name("edit"), args=(quote(instance.pk),))
        return f"{url}?{urlencode({'next': edit_url})}"


def restrict_review_menu(menu_items, request, context):
    """While a release is in review: no cancel, publish or edit for anyone but a superuser."""
    instance = context.get("instance")
    if context.get("view") != "edit" or instance is None or not locked_by_review(instance, request.user):
        return
    menu_items[:] = [item for item in menu_items if not isinstance(item, (CancelWorkflowMenuItem, WorkflowMenuItem))]
    task = instance.current_workflow_task
    actions = sorted(task.get_actions(instance, request.user), key=lambda action: action[0] != "approve")
    menu_items[:0] = [ReviewMenuItem(name, label) for name, label, _modal in actions]
