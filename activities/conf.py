"""Settings of the activities app, with defaults (override with ACTIVITIES_* in settings)."""

from django.conf import settings


def get_setting(name):
    return getattr(settings, f"ACTIVITIES_{name}", DEFAULTS[name])


DEFAULTS = {
    # Who gets the monthly report (network list slugs).
    "REPORT_LISTS": ["lsg", "styrelsen"],
    # The list whose size the report follows.
    "REPORT_NETWORK_LIST": "natverket",
}
