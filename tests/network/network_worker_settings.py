"""Settings of the Celery worker in the network's service tests: test settings plus overrides from the environment.

The worker sends through ``recording_backend`` and takes NETWORK_* settings as JSON
values from environment variables of the same name (e.g. NETWORK_RETRY_BASE=0.2).
"""

import json
import os

from site_lycksele.settings.test import *  # noqa: F403

EMAIL_BACKEND = "recording_backend.EmailBackend"

globals().update(
    {
        key: json.loads(value)
        for key, value in os.environ.items()
        if key.startswith("NETWORK_") and not key.startswith("NETWORK_TEST_")
    }
)
