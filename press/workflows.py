"""The board's decision as a workflow task: N distinct board members must approve.

Wagtail's group approval task is passed by the first approver. A board decision
(Styrelsebeslut) may need more, so this task records each member's approval and
only approves the task when ``required_approvals`` different people have.
"""

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, TaskState

from home.associations import has_role, of_user, role_group
from home.roles import BOARD
from press.facts import current_fact_box


def locked_by_review(release, user):
    """True while the board reviews ``release`` and ``user`` is no superuser: they may change nothing."""
    return bool(release.pk) and release.workflow_in_progress and not user.is_superuser


class BoardDecisionTask(AbstractGroupApprovalTask):
    """Styrelsebeslut: approved once ``required_approvals`` members of the chosen groups have approved."""

    required_approvals = models.PositiveSmallIntegerField(
        _("antal godkännanden som krävs"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Så många olika styrelseledamöter måste godkänna innan pressmeddelandet publiceras."),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["required_approvals"]

    class Meta:
        verbose_name = _("Styrelsebeslut")
        verbose_name_plural = _("Styrelsebeslut")

    @classmethod
    def get_description(cls):
        return _("Ett bestämt antal olika ledamöter i de valda grupperna måste godkänna.")

    def approvals_for(self, task_state):
        return BoardApproval.objects.filter(task_state=task_state).select_related("user").order_by("approved_at")

    @staticmethod
    def board_of(obj):
        """The group that decides on ``obj``: the board of its association (home.associations.role_group)."""
        return role_group(obj.association, BOARD)

    def decides(self, obj, user):
        """Whether ``user`` may approve or reject ``obj``: a member of its association's board, or a superuser."""
        if user.is_superuser:
            return True
        board = self.board_of(obj)
        return board is not None and user.groups.filter(pk=board.pk).exists()

    def board_members(self, obj):
        """The users who decide on ``obj`` (its association's board), e.g. to tell them it awaits them."""
        board = self.board_of(obj)
        return get_user_model().objects.filter(groups=board) if board else get_user_model().objects.none()

    def user_can_access_editor(self, obj, user):
        return self.decides(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        boards = [site.pk for site in of_user(user) if has_role(user, site, BOARD)]
        # Workflow states name their object by a text key.
        releases = self.releases_of(boards).annotate(key=Cast("pk", models.CharField())).values("key")
        return states.filter(workflow_state__object_id__in=releases)

    def releases_of(self, association_pks):
        """The press releases of the associations ``association_pks``."""
        return apps.get_model("press", "PressRelease").objects.filter(association_id__in=association_pks)

    def locked_for_user(self, obj, user):
        # The board decides on the revision it was given and edits nothing; only a superuser may override.
        return not user.is_superuser

    def user_can_lock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self.decides(obj, user):
            return []
        # Both open a dialog: approving shows what will happen (lists, recipients, time), rejecting asks why.
        actions = [("reject", _("Begär ändringar"), True)]
        task_state = obj.current_workflow_task_state
        if task_state and BoardApproval.objects.filter(task_state=task_state, user=user).exists():
            # One vote per member: only a change of mind (rejection) is left.
            return actions
        if not getattr(obj, "fact_box", "") and not current_fact_box(getattr(obj, "association_id", None)):
            # Approving would publish without a fact box; the editor's fact box panel says why.
            return actions
        return [*actions, ("approve", _("Godkänn"), True)]

    def get_form_for_action(self, action):
        return RejectionForm if action == "reject" else ApprovalForm

    def get_template_for_action(self, action):
        return "press/admin/approve_modal.html" if action == "approve" else ""

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # One decision at a time per task state: the row lock makes simultaneous
        # approvals count each other (PostgreSQL; SQLite serialises writers anyway).
        task_state = type(task_state).objects.select_for_update().get(pk=task_state.pk)
        if task_state.status != task_state.STATUS_IN_PROGRESS:
            return None
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        _approval, created = BoardApproval.objects.get_or_create(
            task_state=task_state, user=user, defaults={"comment": kwargs.get("comment", "")}
        )
        if created:
            log(
                instance=task_state.workflow_state.content_object,
                action="press.board_approval",
                user=user,
                revision=task_state.revision,
                data={"task": {"id": self.pk, "title": self.name}, "comment": kwargs.get("comment", "")},
            )
        if self.approvals_for(task_state).count() >= self.required_approvals:
            return super().on_action(task_state, user, action_name, **kwargs)
        return None


class ApprovalForm(forms.Form):
    comment = forms.CharField(label=_("Kommentar (frivillig)"), required=False, widget=forms.Textarea({"rows": 2}))


class RejectionForm(forms.Form):
    comment = forms.CharField(
        label=_("Vad behöver ändras?"),
        help_text=_("Samordnaren ser kommentaren på pressmeddelandet och får den med e-post."),
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Skriv vad som behöver ändras.")},
    )


class BoardApproval(models.Model):
    """One board member's approval of one task state (one revision under review)."""

    task_state = models.ForeignKey("wagtailcore.TaskState", on_delete=models.CASCADE, related_name="board_approvals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    approved_at = models.DateTimeField(_("godkänt"), auto_now_add=True)
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("styrelsegodkännande")
        verbose_name_plural = _("styrelsegodkännanden")
        constraints = [models.UniqueConstraint(fields=["task_state", "user"], name="press_one_approval_per_member")]

    def __str__(self):
        return f"{self.user} – {self.task_state_id}"
