"""Settings of the activities app, with defaults (home.app_settings: Django settings, then the environment)."""

from home.app_settings import AppSettings

DEFAULTS = {
    # Who gets the monthly report: network list slugs (comma-separated in the environment).
    "ACTIVITIES_REPORT_LISTS": ["lsg", "styrelsen"],
    # The list whose size the report follows: a network list slug.
    "ACTIVITIES_REPORT_NETWORK_LIST": "natverket",
}

get = AppSettings("ACTIVITIES", DEFAULTS).get
