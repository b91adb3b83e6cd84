"""Shared set-up for the benchmarks: Django against DATABASE_URL (PostgreSQL), migrated, with the site."""

import os
import random
import statistics
import sys
import time
from pathlib import Path

WORDS = (
    "samordningsförbundet samverkan rehabilitering arbetsförmedlingen försäkringskassan kommun region "
    "lycksele projekt projekten verksamhet insatser individen unga vuxna arbetsmarknad styrelsen beslut "
    "pressmeddelande pressmeddelandet nyheter nätverket informationsträff målgrupp huvudmän finansiering "
    "utvärdering ansökan medel budget tertialrapport årsredovisning kommunikationsplan sändlista hemsida "
    "personal politiker media invånare hälsa sjukskrivning stöd samarbete genomslag välfärdsområdet"
).split()


def ensure_database(url):
    """Create the benchmark's PostgreSQL database if it does not exist yet."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    db = dj_database_url.parse(url)
    params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"] or "postgres"}
    if db["PASSWORD"]:
        params["password"] = db["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))


def setup_django():
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_lycksele.settings.test")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/lycksele_bench")
    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from home.demo_content import ensure_site

    return ensure_site()[0]


def sentence(rng, length=12):
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + "."


def rng():
    return random.Random(2006)  # noqa: S311 - reproducible test data


def timed(client, path, params, runs):
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path, params)
        durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, params, response.status_code)
    return durations


def report(label, durations):
    durations = sorted(durations)
    p95 = durations[max(0, int(len(durations) * 0.95) - 1)]
    print(f"{label:<48} p50 {statistics.median(durations):7.1f} ms   p95 {p95:7.1f} ms   (n={len(durations)})")
    return p95
