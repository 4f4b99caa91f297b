"""Django's Redis cache backend with one Redis client per connection pool.

Django builds a new `redis.Redis` object for every cache operation; constructing one
fills a table of ~170 response callbacks, which cost more than the round trip itself
on our cached pages (profiled for benchmark B1). A `redis.Redis` object is
thread-safe and only wraps its pool, so we keep one per pool.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class WerkplaatsRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class WerkplaatsRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = WerkplaatsRedisCacheClient
