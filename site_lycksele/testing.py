"""Test infrastructure that the test settings name by dotted path."""

from site_lycksele.redis_cache import RedisCache


class WorkerScopedRedisCache(RedisCache):
    """Redis cache whose ``clear()`` deletes only this process's keys (its ``KEY_PREFIX``).

    Parallel test processes (pytest-xdist) share one Redis database, each under a prefix
    of its own; Django's ``clear()`` would flush the whole database, and with it the
    other process's page cache, fragments and content version in the middle of a test.
    """

    def clear(self):
        client = self._cache.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=500):
            batch.append(key)
            if len(batch) == 500:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        return True
