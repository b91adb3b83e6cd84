"""Profile one uncached request per public page type and print its top frames (`make profile`).

    .venv/bin/python bench/profile_pages.py [--top 15] [--sort tottime|cumulative]

Builds the demo site (``load_demo``) in a fresh SQLite file under a temporary folder, or in
BENCH_DATABASE_URL when set (a PostgreSQL database it may empty), then requests one page of
each public page type, a press release and a search with the page and fragment caches off,
once to warm the process up and once under cProfile, and prints the number of SQL queries
and the top frames of the profiled request.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def page_urls():
    """One live page of each type, a press release and a search: (label, url)."""
    from wagtail.models import Page

    from press.models import PressRelease

    urls, seen = [], set()
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        kind = type(page).__name__
        if kind not in seen and page.url:
            seen.add(kind)
            urls.append((kind, page.url))
    release = PressRelease.objects.filter(live=True).first()
    if release and release.get_url():
        urls.append(("PressRelease", release.get_url()))
    urls.append(("search", "/sok/?q=förbundet"))
    return urls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=15, help="frames to print per request")
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="lycksele-profile-"))
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{work / 'profile.sqlite3'}")
    os.environ.update({"VAR_DIR": str(work), "DJANGO_SETTINGS_MODULE": "site_lycksele.settings.test"})
    for name in ("REDIS_URL", "CELERY_BROKER_URL"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    client = Client()
    for label, url in page_urls():
        assert client.get(url).status_code == 200, url  # warm: imports, templates, connections
        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            profiler.enable()
            response = client.get(url)
            profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(args.sort)
        stats.print_stats(args.top)
        lines = [line for line in out.getvalue().splitlines() if line.strip()][3:]
        took = stats.total_tt * 1000
        print(f"== {label} {url}: {response.status_code}, {len(queries)} queries, {took:.1f} ms profiled")
        print("\n".join(lines), end="\n\n")


if __name__ == "__main__":
    main()
