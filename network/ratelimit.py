"""A small cache-based rate limit per client address for the public forms."""

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry our trusted proxies added.

    With NETWORK_TRUSTED_PROXY_COUNT = n > 0, the n-th address from the right
    of X-Forwarded-For is the one our outermost proxy saw; anything further left
    was written by the client and cannot be trusted.
    """
    proxies = getattr(settings, "NETWORK_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(scope, ip, limit, window):
    """Count one request from ``ip`` in ``scope``; False once more than ``limit`` came within ``window`` seconds."""
    key = f"network:ratelimit:{scope}:{ip}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        return True
    return count <= limit
