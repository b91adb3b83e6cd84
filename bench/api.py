"""API list endpoints on PostgreSQL: prints p50 and p95 per endpoint, uncached and cached.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lycksele_bench .venv/bin/python bench/api.py

Reuses the items bench/search.py loads (run that first, or this loads a smaller set), then
times each list endpoint with 20 and 50 items per page: "uncached" adds a fresh ``_=`` cache
buster to every request (so the API response cache misses), "cached" repeats that request.
Budget (DESIGN.md): p95 under 50 ms.
"""

from _setup import report, rng, sentence, setup_django

RUNS = 40
BUDGET_MS = 50
ENDPOINTS = ["pages", "images", "documents", "press-releases", "activities"]


def ensure_content(home):
    from activities.models import Activity
    from home.models import StandardPage
    from press.models import PressRelease

    random = rng()
    if not StandardPage.objects.filter(slug__startswith="apibench-").exists():
        for number in range(60):
            home.add_child(instance=StandardPage(title=sentence(random, 4), slug=f"apibench-{number}", live=True))
    if PressRelease.objects.filter(live=True).count() < 60:
        PressRelease.objects.bulk_create(
            PressRelease(title=sentence(random, 5), slug=f"apibench-{n}", lead=sentence(random), live=True)
            for n in range(60)
        )
    if Activity.objects.filter(live=True).count() < 60:
        Activity.objects.bulk_create(
            Activity(plan_year=2006, title=sentence(random, 4), content=sentence(random), live=True) for n in range(60)
        )


def main():
    import time

    home = setup_django()
    ensure_content(home)
    from django.test import Client

    client = Client()
    overall = []
    for endpoint in ENDPOINTS:
        for limit in (20, 50):
            path = f"/api/v2/{endpoint}/"
            client.get(path, {"limit": limit})
            uncached, cached = [], []
            for run in range(RUNS):
                params = {"limit": limit, "_": f"{time.time_ns()}-{run}"}
                start = time.perf_counter()
                assert client.get(path, params).status_code == 200
                uncached.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                assert client.get(path, params).status_code == 200
                cached.append((time.perf_counter() - start) * 1000)
            report(f"{path}?limit={limit} uncached", uncached)
            report(f"{path}?limit={limit} cached", cached)
            overall += uncached
    p95 = report("all list endpoints, uncached", overall)
    print(f"budget p95 < {BUDGET_MS} ms (uncached): {'OK' if p95 < BUDGET_MS else 'OVER'}")


if __name__ == "__main__":
    main()
