"""Settings of the web processes in the deployment tests: test settings with the page cache on,
as production serves pages (tests/test_scale_out.py)."""

from site_lycksele.settings.test import *  # noqa: F403

PAGE_CACHE_ENABLED = True
