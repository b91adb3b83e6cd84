"""The forms of the case room: comment, proposal and decision (applications.preparation_views)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Comment, Decision, Meeting, Outcome, Proposal


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["text"]
        widgets = {"text": forms.Textarea({"rows": 3})}
        error_messages = {"text": {"required": _("Skriv en kommentar.")}}


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["outcome", "amount", "text"]
        widgets = {"outcome": forms.RadioSelect, "text": forms.Textarea({"rows": 4})}
        error_messages = {
            "outcome": {"required": _("Välj ett förslag.")},
            "text": {"required": _("Skriv en motivering.")},
        }

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    def clean(self):
        cleaned_data = super().clean()
        check_amount(self, self.application, cleaned_data.get("outcome"), cleaned_data.get("amount"))
        return cleaned_data


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["meeting", "paragraph", "outcome", "amount", "motivation"]
        widgets = {"outcome": forms.RadioSelect, "motivation": forms.Textarea({"rows": 3})}
        error_messages = {
            "meeting": {"required": _("Välj styrelsemötet där beslutet fattades.")},
            "paragraph": {"required": _("Ange paragrafens nummer i protokollet.")},
            "outcome": {"required": _("Välj ett beslut.")},
        }

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.instance.application = application
        meetings = Meeting.objects.filter(association_id=application.association_id).board().order_by("-date")
        self.fields["meeting"].queryset = meetings
        latest = meetings.filter(date__lte=timezone.localdate()).first()
        if latest and not self.is_bound:
            self.initial.setdefault("meeting", latest.pk)

    def clean(self):
        cleaned_data = super().clean()
        check_amount(self, self.application, cleaned_data.get("outcome"), cleaned_data.get("amount"))
        return cleaned_data


def check_amount(form, application, outcome, amount):
    """A part of the budget for a partial grant, and no amount otherwise."""
    if outcome == Outcome.PARTLY_GRANTED:
        if amount is None or not 0 < amount < application.budget:
            form.add_error(
                "amount",
                _("Ange ett belopp mellan 1 och %(budget)s kr vid delvis beviljande.")
                % {"budget": application.budget - 1},
            )
    elif amount is not None:
        form.add_error("amount", _("Belopp anges bara vid delvis beviljande."))
