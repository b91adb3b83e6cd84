"""Settings of the live server, worker and scripts in the outage tests: the network's worker settings, page cache on.

Like production, the server keeps persistent database connections and caches pages
for anonymous visitors; emails go through ``tests.network.recording_backend``.
"""

from tests.network.network_worker_settings import *  # noqa: F403

PAGE_CACHE_ENABLED = True
