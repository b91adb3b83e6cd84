"""gunicorn reads this file from its working directory: its own log lines in the site's format.

Access lines carry the request id the site returned (X-Request-ID); LOG_FORMAT=json makes
them JSON like every other line (site_lycksele/observability.py).
"""

import os

from site_lycksele.observability import gunicorn_logging_config

access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
logconfig_dict = gunicorn_logging_config(
    os.environ.get("LOG_FORMAT", "text").strip().lower(), os.environ.get("LOG_LEVEL", "INFO")
)
