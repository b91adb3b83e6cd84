"""Project-wide request handling: the full-page cache and the client address behind proxies."""

from django.conf import settings

from site_lycksele import cache as page_cache


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests for public pages from the page cache.

    It sits before the session and authentication middleware, so a hit costs one
    cache round trip and no database query. Responses carry ``X-Page-Cache: hit``
    or ``miss`` when the cache was consulted.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_cache.cache_key(request)
        if key is None:
            return self.get_response(request)
        response, version = page_cache.lookup(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and version is not None and page_cache.is_cacheable_response(request, response):
            page_cache.store(key, version, response)
            response["X-Page-Cache"] = "miss"
        return response


def client_ip(request):
    """The client's address, trusting X-Forwarded-For only as far as our own proxies wrote it.

    Each of the ``TRUSTED_PROXY_COUNT`` proxies in front of the site appends the
    address it received the request from, so the entry that many places from the
    end is the client as the outermost proxy saw it; anything before it was sent
    by the client and may be forged. Without trusted proxies the header is ignored.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote_addr
    return forwarded[-proxies]
