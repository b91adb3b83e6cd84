"""Settings of the live server, worker and scripts in the outage tests: the network's worker settings, page cache on.

Like production, the server keeps persistent database connections and caches pages
for anonymous visitors; emails go through ``tests.network.recording_backend``. It reads
the media of the test process that built the site (OUTAGE_MEDIA_ROOT), whose test
settings made a temporary folder of their own.
"""

import os
from pathlib import Path

from tests.network.network_worker_settings import *  # noqa: F403

PAGE_CACHE_ENABLED = True
MEDIA_ROOT = Path(os.environ["OUTAGE_MEDIA_ROOT"])
