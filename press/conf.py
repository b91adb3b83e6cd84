"""The press app's settings, each read from ``PRESS_<NAME>`` with a default."""

from django.conf import settings

DEFAULTS = {
    # Mailing lists a new press release is sent to unless the editor chooses others.
    "DEFAULT_LISTS": ["media", "natverket"],
    # Releases per page in the press room.
    "PAGE_SIZE": 10,
    # Releases in the home page's "Senaste pressmeddelanden" section.
    "HOME_SECTION_COUNT": 3,
    # Items in /press/feed/.
    "FEED_SIZE": 20,
}


def get_setting(name):
    return getattr(settings, f"PRESS_{name}", DEFAULTS[name])
