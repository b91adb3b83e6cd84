"""Django's Redis cache, reusing one redis-py client per pool and riding out a Redis outage.

Reuse: Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every
cache operation, and redis-py 8 fills a table of some 170 response callbacks in each
constructor: about 70 µs per call here, most of the cost of a page-cache hit. A
``redis.Redis`` is thread-safe and the pool it wraps already survives forks (it checks
the process id), so one client per pool serves the process.

Outage: the cache is an optimisation, yet everything reads it (Wagtail's site-root
lookup on every request, the page and fragment caches, the API cache, the rate limits),
so an unreachable Redis would answer every request with a 500. Instead, while Redis
cannot be reached the cache behaves like Django's ``DummyCache`` (every read a miss,
every write forgotten) and the site answers from the database. After a failure it stops
trying for ``RETRY_AFTER`` seconds, so a Redis that times out costs one slow operation
per process and interval, not one per cache call.
"""

import logging
import threading
import time

from django.core.cache.backends import redis
from django.core.cache.backends.dummy import DummyCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER = 5.0  # seconds without trying Redis after it failed


class ReusingRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class Outage:
    """When a Redis server last failed, shared by the threads of a process (Django keeps a cache per thread)."""

    _lock = threading.Lock()
    _down_until = {}

    def __init__(self, server):
        self.server = server

    def is_on(self):
        return time.monotonic() < self._down_until.get(self.server, 0)

    def begin(self, error):
        with self._lock:
            if not self.is_on():
                logger.warning("Cache at %s unreachable (%s); serving without it", self.server, error)
            self._down_until[self.server] = time.monotonic() + RETRY_AFTER


def _outage_tolerant(name):
    def method(self, *args, **kwargs):
        if not self._outage.is_on():
            try:
                return getattr(super(RedisCache, self), name)(*args, **kwargs)
            except OUTAGE_ERRORS as error:
                self._outage.begin(error)
        return getattr(self._unavailable, name)(*args, **kwargs)

    method.__name__ = name
    return method


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._outage = Outage(server)
        self._unavailable = DummyCache(server, params)

    add = _outage_tolerant("add")
    get = _outage_tolerant("get")
    set = _outage_tolerant("set")
    touch = _outage_tolerant("touch")
    delete = _outage_tolerant("delete")
    get_many = _outage_tolerant("get_many")
    has_key = _outage_tolerant("has_key")
    incr = _outage_tolerant("incr")
    set_many = _outage_tolerant("set_many")
    delete_many = _outage_tolerant("delete_many")
    clear = _outage_tolerant("clear")
