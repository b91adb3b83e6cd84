"""Readiness and liveness probes for the load balancer and the container runtime."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from site_lycksele import heartbeat
from site_lycksele.celery import app


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return the value it was given")


def check_broker():
    if not settings.CELERY_BROKER_URL:
        return "eager"
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "worker": heartbeat.check_worker,
    "beat": heartbeat.check_beat,
}


@never_cache
def readiness(request):
    """Report each dependency; 503 if any of them fails."""
    report, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            report[name] = check() or "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            healthy = False
            report[name] = f"error: {exc.__class__.__name__}"
    report["status"] = "ok" if healthy else "error"
    return JsonResponse(report, status=200 if healthy else 503)


def liveness(request):
    """Answer without touching the database or the cache."""
    return HttpResponse("ok", content_type="text/plain")
