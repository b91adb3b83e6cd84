"""What the site's public forms share (the online application's, a plugin's): a honeypot and a
per-address rate limit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home import conf
from network import api as network_api

HONEYPOT_FIELD = "hemsida_url"


def honeypot_field():
    """A field hidden from people (the template hides it) that robots fill in; see :func:`honeypot_filled`."""
    return forms.CharField(
        label=_("Lämna det här fältet tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


def honeypot_filled(request):
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def rate_limited(request):
    """Count this POST against the sender's address (the visitor's, behind the proxy too); True once
    the limit for the window is passed."""
    limit, window = conf.get("HOME_FORM_RATE_LIMIT"), conf.get("HOME_FORM_RATE_WINDOW")
    return not network_api.allow("funding-form", network_api.client_ip(request), limit, window)
