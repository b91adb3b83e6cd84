"""Full-page cache for anonymous visitors, purged whenever published content changes.

Rendered pages are kept in Django's default cache (Redis in production) together
with the site-wide content version they were rendered at. Whatever makes anything
stale (site_lycksele.stale: publishing, unpublishing, moving or deleting a page or
snippet, saving the site settings) replaces that version, so every page rendered before
the change is a miss from then on: nothing stale survives a publish, whichever process
served it. What changes nothing visitors see (a mailing) keeps it. The
version and the page are read in one round trip.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from home import content_cache

VERSION_KEY = content_cache.VERSION_KEY
BYPASS_COOKIES = ("messages",)
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}


def purge():
    """Make every cached page and fragment stale by replacing the content version."""
    content_cache.replace_version()


purge_now_and_after_commit = content_cache.replace_version_now_and_after_commit


def invalidate(stale):
    """Something visitors see changed (site_lycksele.stale): every cached page and fragment is stale.

    The version is site-wide, so any stale address replaces it, now and again after commit.
    """
    if stale:
        purge_now_and_after_commit()


def cache_key(request):
    """The key of a cacheable request, or None when the request must bypass the cache."""
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return None
    if request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDE_PREFIXES)):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or any(name in request.COOKIES for name in BYPASS_COOKIES):
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    if any(name not in settings.PAGE_CACHE_QUERY_PARAMS for name in request.GET):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    url = f"{request.scheme}://{host}{request.path}?{query}"
    return "pagecache:" + hashlib.sha256(url.encode()).hexdigest()


def lookup(key):
    """Return ``(response or None, current version)``; during a cache outage a miss and no version."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        return None, content_cache.current_version()
    entry = found.get(key)
    if entry is None or entry["version"] != version:
        return None, version
    response = HttpResponse(entry["content"], status=entry["status"])
    for header, value in entry["headers"]:
        response[header] = value
    return response, version


def is_cacheable_response(request, response):
    """Only complete, public 200 responses that set no cookie may be shared."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    directives = {d.split("=")[0].strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & UNCACHEABLE_DIRECTIVES


def store(key, version, response):
    entry = {
        "version": version,
        "status": response.status_code,
        "content": response.content,
        "headers": list(response.items()),
    }
    cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
