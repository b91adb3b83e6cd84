"""Many associations in one installation: page throughput at 2 and at 80, and the time of create_association.

    .venv/bin/python bench/associations.py [--short] [--associations 80] [--duration 5]

(``--short``, the CI mode of ``make bench-short``: 20 associations, 2 s per URL.)

A fresh PostgreSQL database (BENCH_ASSOC_DATABASE_URL, default ``lycksele_bench_assoc``)
is migrated and filled with ``load_demo`` (Lycksele and the fictional second association).
gunicorn with the production settings and the Redis page cache (BENCH_ASSOC_REDIS_URL, a
database of its own, emptied first) serves it; ``wrk -t2 -c8`` loads ``/healthz/live`` and
Lycksele's pages, cached and uncached, as ratios to ``/healthz/live`` in the same run. Then
the installation grows to ``--associations`` (80: Sweden's samordningsförbund), each made
by ``create_association`` (timed) and given demo-sized content (the fictional
association's releases and activities through the ``register_demo_association_content``
hook, and news pages), and the same pages of the first and of the newest association (by
its hostname) are loaded again. Exits 1 when a page failed or the page cache did not
answer; the ratios are reported, not judged (the budget is that they do not fall as
associations are added: the queries per page are tested flat in tests/).
"""

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

from load import (
    PYTHON,
    ROOT,
    Server,
    ensure_wrk,
    fetch,
    flush_redis,
    log,
    manage,
    recreate_database,
    run_python_load,
    run_wrk,
    with_bypass,
)

PAGES = ["/", "/nyheter/", "/press/", "/aktivitetsplan/"]
NEWS_PER_ASSOCIATION = 8
HOST_PATTERN = "forbund-{n:02d}.localhost"


def populate(count, port):
    """In a Django process: grow the installation to ``count`` associations; print the seconds of each create."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import datetime

    from django.db import transaction
    from wagtail import hooks
    from wagtail.models import Site

    from home.demo import DemoContext
    from home.models import NewsIndexPage, NewsPage
    from home.site_setup import create_association, ensure_page

    timings = []
    for n in range(Site.objects.count() + 1, count + 1):
        started = time.perf_counter()
        with transaction.atomic():
            context = create_association(
                name=f"Samordningsförbundet Bänk {n:02d} (fiktivt)",
                hostname=f"{HOST_PATTERN.format(n=n)}:{port}",
                principals=[f"Bänkens kommun {n:02d}|https://kommun-{n:02d}.example.se"],
                coordinator_email=f"samordnare@forbund-{n:02d}.example.se",
            )
        timings.append(time.perf_counter() - started)
        demo = DemoContext(site=context.site, home=context.home, users={}, password="")
        with transaction.atomic():
            for loader in hooks.get_hooks("register_demo_association_content"):
                loader(demo)
            news_index = NewsIndexPage.objects.child_of(context.home).first()
            for item in range(NEWS_PER_ASSOCIATION):
                page = NewsPage(
                    title=f"Nyhet {item + 1} från förbund {n:02d}",
                    slug=f"nyhet-{item + 1}",
                    date=datetime.date(2026, 1 + item, 1),
                    lead="En nyhet i benchmarkens demoinnehåll.",
                )
                ensure_page(news_index, page, [])
    print(json.dumps(timings))


def load(port, wrk, duration, host, label):
    """The baseline and each page (cached, then uncached) on ``host``; rows with ratios to the baseline."""
    rows = []
    targets = [("/healthz/live", "/healthz/live", "baseline")]
    targets += [(path, path, "cached") for path in PAGES] + [(path, with_bypass(path), "uncached") for path in PAGES]
    for path_label, path, kind in targets:
        for _ in range(3):
            status, cache_state, _ = fetch(port, path, host=host)
        figures = (
            run_wrk(wrk, port, path, duration, host=host) if wrk else run_python_load(port, path, duration, host=host)
        )
        expected = "hit" if kind == "cached" else None
        ok = status == 200 and figures["failed"] == 0 and cache_state == expected
        rows.append({"association": label, "url": path_label, "kind": kind, "ok": ok, **figures})
        log(f"{label:12} {kind:9} {path_label} -> {status} ({cache_state or '-'}): {figures['rps']:.0f} req/s")
    baseline = rows[0]["rps"]
    for row in rows:
        row["ratio"] = row["rps"] / baseline
    return rows


def table(rows):
    lines = ["| association | URL | variant | req/s | ratio | p95 ms |", "|---|---|---|---:|---:|---:|"]
    lines += [
        f"| {row['association']} | `{row['url']}` | {row['kind']} | {row['rps']:.0f} | {row['ratio']:.1%} | "
        f"{row['p95_ms']:.2f} |"
        for row in rows
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="CI mode: 2 seconds per URL, 20 associations")
    parser.add_argument("--associations", type=int, help="how many associations at the end (80; 20 with --short)")
    parser.add_argument("--duration", type=int, help="seconds per URL (default 5, 2 with --short)")
    parser.add_argument("--populate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8766")), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        populate(args.populate, args.port)
        return 0
    duration = args.duration or (2 if args.short else 5)
    args.associations = args.associations or (20 if args.short else 80)
    database_url = os.environ.get("BENCH_ASSOC_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lycksele_bench_assoc")
    redis_url = os.environ.get("BENCH_ASSOC_REDIS_URL", "redis://127.0.0.1:6379/11")
    port = args.port
    work = ROOT / "bench" / "out" / "associations"
    work.mkdir(parents=True, exist_ok=True)
    drop = {"CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env |= {
        "DATABASE_URL": database_url,
        "SITE_URL": f"http://127.0.0.1:{port}",
        "VAR_DIR": str(work / "var"),
        "EMAIL_FILE_PATH": str(work / "mail"),
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
    }
    setup_env = env | {"DJANGO_SETTINGS_MODULE": "site_lycksele.settings.dev"}
    serve_env = env | {
        "DJANGO_SETTINGS_MODULE": "site_lycksele.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,.localhost",
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
    }
    wrk = ensure_wrk()
    log(f"Preparing {database_url.rsplit('/', 1)[-1]}: migrate, load_demo, collectstatic")
    recreate_database(database_url)
    flush_redis(redis_url)
    manage(setup_env, "migrate", "--noinput")
    manage(setup_env, "load_demo")
    manage(serve_env, "collectstatic", "--noinput", "--clear")

    with Server(serve_env, port):
        few = load(port, wrk, duration, None, "1 of 2")
    log(f"Growing the installation to {args.associations} associations")
    grown = subprocess.run(
        [PYTHON, str(Path(__file__)), "--populate", str(args.associations), "--port", str(port)],
        cwd=ROOT,
        env=setup_env,
        capture_output=True,
        text=True,
        check=True,
    )
    timings = json.loads(grown.stdout.strip().splitlines()[-1])
    flush_redis(redis_url)
    newest = f"{HOST_PATTERN.format(n=args.associations)}:{port}"
    with Server(serve_env, port):
        many = load(port, wrk, duration, None, f"1 of {args.associations}")
        many += load(port, wrk, duration, newest, f"{args.associations} of {args.associations}")

    print(f"Associations: {duration} s per URL, {'wrk -t2 -c8' if wrk else 'Python load generator'}\n")
    print(table(few + many))
    if timings:
        print(
            f"\ncreate_association: {len(timings)} runs, median {statistics.median(timings) * 1000:.0f} ms, "
            f"max {max(timings) * 1000:.0f} ms (site, page tree, settings, groups and permissions, lists, coordinator)"
        )
    count = args.associations
    for before, after in zip(few, many[: len(few)], strict=True):
        if before["kind"] != "baseline":
            print(f"- {before['url']} {before['kind']}: {before['ratio']:.1%} at 2, {after['ratio']:.1%} at {count}")
    failed = [row for row in few + many if not row["ok"]]
    if failed:
        log("Failed: " + ", ".join(f"{row['association']} {row['url']} ({row['kind']})" for row in failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
