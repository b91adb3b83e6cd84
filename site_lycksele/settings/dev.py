"""Local development: embedded defaults, no external service needed."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
# *.localhost is the loopback address (RFC 6761): load_demo's second association lives at exempeldalen.localhost.
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", ".localhost", "[::1]"]  # noqa: F405
INTERNAL_IPS = env_list("INTERNAL_IPS", "127.0.0.1")
VAR_DIR.mkdir(parents=True, exist_ok=True)
