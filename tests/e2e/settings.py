"""Settings of the server that the browser tests drive: the test settings, seen from a real browser.

The server runs as a subprocess of the test session (see ``conftest.py``), so links in
emails must point at its real address, static files are served by WhiteNoise straight
from the apps, and emails are written as files that the tests read.
"""

import os
from pathlib import Path

from site_lycksele.settings.test import *  # noqa: F403

SITE_URL = os.environ["SITE_URL"].rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILAPI_BASE_URL = SITE_URL
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = Path(os.environ["EMAIL_FILE_PATH"])
MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
# Every visitor in these tests comes from 127.0.0.1; the limit itself is tested in tests/network.
NETWORK_SIGNUP_RATE_LIMIT = 100
