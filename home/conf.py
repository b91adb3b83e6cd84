"""Settings of the core site, with defaults; override them in the Django settings."""

from django.conf import settings

DEFAULTS = {
    # Online applications accepted from one IP address per window.
    "HOME_FORM_RATE_LIMIT": 5,
    "HOME_FORM_RATE_WINDOW": 3600,
}


def get_setting(name):
    return getattr(settings, name, DEFAULTS[name])
