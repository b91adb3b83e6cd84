"""Settings of the benchmark's worker: the test settings (DEBUG off) sending through ``fanout_backend``."""

import os

from site_lycksele.settings.test import *  # noqa: F403

EMAIL_BACKEND = "fanout_backend.EmailBackend"
NETWORK_MERGE_FIELD = os.environ.get("NETWORK_MERGE_FIELD", "{{NAME}}")
