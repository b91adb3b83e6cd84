"""Settings of the core site, with defaults (home.app_settings: Django settings, then the environment)."""

from home.app_settings import AppSettings

DEFAULTS = {
    # Online applications (form pages) accepted from one IP address per window: a count.
    "HOME_FORM_RATE_LIMIT": 5,
    # The window of that limit, in seconds.
    "HOME_FORM_RATE_WINDOW": 3600,
}

get = AppSettings("HOME", DEFAULTS).get
