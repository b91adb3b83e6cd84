"""Test settings: the same wiring as production, fast hashing, emails kept in memory.

DATABASE_URL, CELERY_BROKER_URL and REDIS_URL switch the suite onto real
services (`.ci/run` sets them); without them it runs on SQLite in-process.
"""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import VAR_DIR

SECRET_KEY = "test-secret-key-not-for-production"
ALLOWED_HOSTS = ["*"]
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
VAR_DIR.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="lycksele-media-"))
# No nginx in front: the test client and the browser tests' server load images as a browser would.
SERVE_MEDIA_IMAGES = True
STORAGES = {
    "default": MEDIA_STORAGE,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = SITE_URL
# Other apps' tests render pages in many database states: the page cache is
# switched on only by the tests that exercise it. Login throttling likewise.
PAGE_CACHE_ENABLED = False
AXES_ENABLED = False

# Parallel test processes (pytest-xdist) sharing one Redis database keep apart,
# also when a test empties the cache.
if "KEY_PREFIX" in CACHES["default"]:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] += "-" + os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
    CACHES["default"]["BACKEND"] = "site_lycksele.testing.WorkerScopedRedisCache"  # noqa: F405

# Static files straight from the apps, no collectstatic needed (live-server tests too).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
