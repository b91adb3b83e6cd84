"""Settings of the press app, with defaults (home.app_settings: Django settings, then the environment)."""

from home.app_settings import AppSettings

DEFAULTS = {
    # Mailing lists a new press release is sent to unless the editor chooses others: list slugs.
    "PRESS_DEFAULT_LISTS": ["media", "natverket"],
    # Releases per page in the press room: a count.
    "PRESS_PAGE_SIZE": 10,
    # Releases in the home page's "Senaste pressmeddelanden" section: a count.
    "PRESS_HOME_SECTION_COUNT": 3,
    # Items in /press/feed/: a count.
    "PRESS_FEED_SIZE": 20,
    # Lists that get a release under embargo at the board's approval, before it is public: list slugs.
    "PRESS_EMBARGO_LISTS": ["media"],
    # How long the private preview link in an embargoed release's email works: seconds (7 days).
    "PRESS_EMBARGO_LINK_MAX_AGE": 7 * 24 * 3600,
}

get = AppSettings("PRESS", DEFAULTS).get
