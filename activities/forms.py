"""Forms: the admin form for activities and the public plan's filter form."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from activities.choices import Status, TargetGroup

RESPONSIBLE_SEPARATORS = re.compile(r"\s*(?:/|,|\boch\b)\s*", re.IGNORECASE)


class ActivityForm(WagtailAdminModelForm):
    """Target groups are stored as a list of codes; editors tick them."""

    target_groups = forms.MultipleChoiceField(
        label=_("målgrupper"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def responsible_names(values):
    """The people and groups named in free-text responsibilities: "Samordnare/LSG" -> Samordnare, LSG."""
    names = {}
    for value in values:
        for part in RESPONSIBLE_SEPARATORS.split(value or ""):
            part = part.strip()
            if part:
                names.setdefault(part.casefold(), part[:1].upper() + part[1:])
    return sorted(names.values(), key=str.casefold)


class PlanFilterForm(forms.Form):
    """GET filters on /aktivitetsplan/. Choices come from the plan itself; unknown values are ignored."""

    year = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    channel = forms.ChoiceField(label=_("Kanal"), required=False)
    responsible = forms.ChoiceField(label=_("Ansvar"), required=False)

    def __init__(self, data, *, years, channels, responsibles):
        super().__init__(data)
        everything = [("", _("Alla"))]
        self.fields["year"].choices = everything + [(str(year), str(year)) for year in years]
        self.fields["status"].choices = everything + list(Status.choices)
        self.fields["channel"].choices = everything + [(channel, channel) for channel in channels]
        self.fields["responsible"].choices = everything + [(name, name) for name in responsibles]

    def filters(self):
        """The valid filters only: a bad value in one field does not discard the others."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
