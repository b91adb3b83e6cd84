"""The online application form: Wagtail's form builder plus a honeypot, a per-address rate limit
and a receipt to the applicant."""

import logging

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from home import conf
from home.models.organisation import OrganisationSettings  # not home.models: its funding page imports this module
from network import api as network_api

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "hemsida_url"


def honeypot_field():
    """A field hidden from people (the template hides it) that robots fill in; see :func:`honeypot_filled`."""
    return forms.CharField(
        label=_("Lämna det här fältet tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


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
        fields[HONEYPOT_FIELD] = honeypot_field()
        return fields

    def get_form_class(self):
        return type("FundingApplicationForm", (FundingForm,), self.formfields)


def honeypot_filled(request):
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def rate_limited(request):
    """Count this POST against the sender's address (the visitor's, behind the proxy too); True once
    the limit for the window is passed."""
    limit, window = conf.get("HOME_FORM_RATE_LIMIT"), conf.get("HOME_FORM_RATE_WINDOW")
    return not network_api.allow("funding-form", network_api.client_ip(request), limit, window)


def applicant_address(form):
    """The address the applicant gave: the value of the form's first email field, or None."""
    for name, field in form.fields.items():
        if isinstance(field, forms.EmailField) and form.cleaned_data.get(name):
            return form.cleaned_data[name]
    return None


def send_receipt(page, form):
    """Email the applicant what was received; replies go to the coordinator (the organisation's address).

    The application is already stored when this runs, so a failing email server is
    logged and the applicant still sees the thank-you page.
    """
    address = applicant_address(form)
    if address is None:
        return False
    organisation = OrganisationSettings.for_site(page.get_site())
    answers = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name != HONEYPOT_FIELD and value not in (None, "", []):
            answers.append((field.label, ", ".join(value) if isinstance(value, list) else value))
    context = {"page": page, "organisation": organisation, "answers": answers}
    reply_to = organisation.email or page.to_address.split(",")[0].strip()
    message = EmailMessage(
        subject=str(_("Vi har tagit emot din ansökan – %(name)s") % {"name": organisation.name}),
        body=render_to_string("home/email/funding_receipt.txt", context),
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=[address],
        reply_to=[reply_to] if reply_to else None,
    )
    try:
        message.send()
    except Exception:  # noqa: BLE001 - the application is stored; a lost receipt must not fail the request
        logger.exception("Could not send the funding application receipt")
        return False
    return True
