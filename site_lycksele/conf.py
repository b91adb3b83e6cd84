"""Settings of the project package, with defaults (home.app_settings: Django settings, then the environment).

The project's other settings are read from the environment in settings/base.py.
"""

from home.app_settings import AppSettings

DEFAULTS = {
    # How long an API response is kept and may be cached by clients (Cache-Control max-age), in seconds.
    "API_CACHE_TIMEOUT": 300,
}

get = AppSettings("API", DEFAULTS).get
