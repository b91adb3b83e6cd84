"""The client's address and a small cache-based rate limit: one of each for every limit of the site.

Axes (login lockout), the signup, the funding form and the password reset all count
attempts per ``client_ip``, so behind the reverse proxy each limit sees the visitor,
never the proxy, and no limit can be dodged by writing X-Forwarded-For oneself.
"""

import hashlib
import ipaddress

from django.core.cache import cache

from network import conf

# The networks reverse proxies connect from unless NETWORK_TRUSTED_PROXY_NETWORKS says otherwise:
# loopback and private ranges (a container network, the host); never a public address.
PRIVATE_NETWORKS = ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128", "fc00::/7"]


def _from_trusted_proxy(remote_addr):
    networks = conf.get("NETWORK_TRUSTED_PROXY_NETWORKS") or PRIVATE_NETWORKS
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network, strict=False) for network in networks)


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry our trusted proxies added.

    With NETWORK_TRUSTED_PROXY_COUNT = n > 0, the n-th address from the right of
    X-Forwarded-For is the one our outermost proxy saw; anything further left was
    written by the client. The header is trusted only when it can have come through
    the proxies: the connection comes from a proxy network (NETWORK_TRUSTED_PROXY_NETWORKS,
    by default loopback and private ranges) and the chain holds at least n entries. A
    request that bypassed the proxies is counted under its own REMOTE_ADDR, whatever
    header it sends.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = conf.get("NETWORK_TRUSTED_PROXY_COUNT")
    if proxies > 0 and _from_trusted_proxy(remote_addr):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return remote_addr


def allow(scope, key, limit, window):
    """Count one attempt for ``key`` (an address, an account) in ``scope``; False once more than
    ``limit`` came within ``window`` seconds. While the cache is unreachable nothing is counted."""
    cache_key = f"network:ratelimit:{scope}:{hashlib.sha256(str(key).encode()).hexdigest()}"
    if cache.add(cache_key, 1, timeout=window):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=window)
        return True
    return count <= limit
