"""The public application form: the case's fields, the parties, and the attachments checked by content."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from applications import conf
from applications.models import Application
from applications.uploads import ACCEPT, check_upload
from home.forms import HONEYPOT_FIELD, honeypot_field

MIN_PARTIES = 2
MAX_BUDGET = 100_000_000
MAX_DESCRIPTION_LENGTH = 20_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one input; each one is checked by content (applications.uploads)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > conf.get("APPLICATIONS_MAX_FILES"):
            raise ValidationError(
                _("Du kan bifoga högst %(count)s filer.") % {"count": conf.get("APPLICATIONS_MAX_FILES")},
                code="too_many_files",
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append((upload, check_upload(upload)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class PrincipalsField(forms.ModelMultipleChoiceField):
    """Refuses a value that is no id before it reaches the database (a 30-digit number overflows
    SQLite's integers and PostgreSQL's bigint)."""

    def _check_values(self, value):
        for pk in value:
            if not re.fullmatch(r"[0-9]{1,18}", str(pk)):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


class ApplicationForm(forms.ModelForm):
    """An application with its parties (at least two of the association's principals) and attachments.

    ``principals`` is the queryset of the association's principals to choose from.
    ``cleaned_data["attachments"]`` holds pairs of (upload, ``CheckedFile``).
    """

    parties = PrincipalsField(
        label=_("Deltagande huvudmän"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Välj minst två av förbundets huvudmän som står bakom ansökan."),
        error_messages={"invalid_choice": _("Välj bland huvudmännen i listan.")},
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        max_length=MAX_DESCRIPTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Vad projektet ska göra, för vem och hur huvudmännen samverkar."),
    )
    budget = forms.IntegerField(
        label=_("Sökt belopp (kr)"), min_value=0, max_value=MAX_BUDGET, help_text=_("I hela kronor.")
    )
    attachments = AttachmentsField(
        label=_("Bilagor"),
        help_text=_("Ansökan, budget och tidsplan som PDF, Word, Excel eller OpenDocument."),
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Application
        fields = [
            "applicant_name",
            "applicant_organisation",
            "applicant_email",
            "applicant_phone",
            "title",
            "description",
            "parties",
            "period_start",
            "period_end",
            "budget",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "applicant_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "applicant_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "applicant_organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "applicant_phone": forms.TextInput(attrs={"autocomplete": "tel"}),
        }

    def __init__(self, *args, principals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = principals
        self.fields[HONEYPOT_FIELD] = honeypot_field()

    def full_clean(self):
        """Tie each field's errors to it for screen readers (the template gives them ``<id>_errors``)."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described_by = [f"{bound.auto_id}_errors"]
                if bound.help_text:
                    described_by.insert(0, f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described_by)

    def clean_parties(self):
        parties = self.cleaned_data["parties"]
        if len(parties) < MIN_PARTIES:
            raise ValidationError(_("Välj minst två huvudmän."), code="too_few_parties")
        return parties

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("period_start"), cleaned_data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Projektslut kan inte vara före projektstart."))
        cleaned_data.pop(HONEYPOT_FIELD, None)
        return cleaned_data
