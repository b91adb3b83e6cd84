"""The site-wide content version and the cache of fragments and objects keyed on it.

The version is replaced whenever something visitors see changes (site_lycksele.cache
connects the publish, unpublish, move, delete and settings signals to ``replace_version``).
Whatever is cached under a version is therefore stale from the next publication on,
in every process. The full-page cache (site_lycksele.cache) and the fragments below
share it: a fragment is a part of a public page that aggregates other content (the
home page's sections, the activity plan), and the site settings every page reads are
kept the same way, so a request the page cache cannot answer (a visitor with a
session, a new query string) still skips the queries behind them.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "pagecache:version"


def replace_version():
    """Make everything cached under the current version stale."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def replace_version_now_and_after_commit(**kwargs):
    """Replace the version at once and again when the change commits, so nothing rendered
    from the old content while the transaction was open is kept either (a signal receiver)."""
    replace_version()
    transaction.on_commit(replace_version)


def current_version():
    """The current version, created on first use; None while the cache is unreachable
    (site_lycksele.redis_cache then forgets every write)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def cached(name, compute, *vary_on):
    """What ``compute()`` returns (HTML, a model instance), kept per content version, ``name`` and ``vary_on``.

    Off where the page cache is off (``PAGE_CACHE_ENABLED``), as in most tests, which change
    content without publishing it.
    """
    if not settings.PAGE_CACHE_ENABLED:
        return compute()
    return kept(name, compute, *vary_on)


def kept(name, compute, *vary_on):
    """``cached`` whether or not the page cache is on: for what changes only in ways that replace
    the version (signals, not a test's plain save), such as the menu and footer every page shows.

    The version and the entry are read in one round trip; an entry stored under an
    older version is a miss. None is never kept (an address that routes nowhere, a release
    that does not exist): what anyone may ask for does not fill the cache.
    """
    key = "fragment:" + hashlib.sha256(repr((name, vary_on)).encode()).hexdigest()
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY) or current_version()
    if version is None:
        return compute()
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    value = compute()
    if value is not None:
        cache.set(key, (version, value), settings.PAGE_CACHE_TIMEOUT)
    return value
