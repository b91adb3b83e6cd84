"""Run a script against the site without its plugins (tests.settings_core), in a fresh process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_without_plugins(script, tmp_path):
    """Run ``script`` with the core settings on an in-memory SQLite database; fail on a non-zero exit."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings_core",
        "DATABASE_URL": "sqlite://:memory:",
        "VAR_DIR": str(tmp_path),
    }
    env.pop("CELERY_BROKER_URL", None)
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result
