"""The online application form: Wagtail's form builder plus a honeypot and a per-address rate limit."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from home.conf import get_setting
from network import api as network_api

HONEYPOT_FIELD = "hemsida_url"


class FundingForm(BaseForm):
    """Drops the honeypot from the cleaned data so it is never stored nor emailed."""

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data.pop(HONEYPOT_FIELD, None)
        return cleaned_data


class FundingFormBuilder(FormBuilder):
    """The editor's fields plus a field hidden from people that robots fill in."""

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Lämna det här fältet tomt"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        return fields

    def get_form_class(self):
        return type("FundingApplicationForm", (FundingForm,), self.formfields)


def honeypot_filled(request):
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def rate_limited(request):
    """Count this POST against the sender's address (the visitor's, behind the proxy too); True once
    the limit for the window is passed."""
    limit, window = get_setting("HOME_FORM_RATE_LIMIT"), get_setting("HOME_FORM_RATE_WINDOW")
    return not network_api.allow("funding-form", network_api.client_ip(request), limit, window)
