"""Fixed-window counters in Redis: one atomic script per request, exact across processes."""

import math

from redis.asyncio import Redis
from redis.exceptions import RedisError

from boxoffice.application.errors import RateLimiterUnavailable
from boxoffice.application.ports.rate_limiter import RateDecision

# INCR and the expiry in one script, so no window is ever left without one, whoever races.
_HIT = """
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
"""


class RedisRateLimiter:
    def __init__(self, client: "Redis", prefix: str = "boxoffice:rate:") -> None:
        self._client = client
        self._prefix = prefix
        self._script = client.register_script(_HIT)

    @classmethod
    def from_url(cls, url: str) -> "RedisRateLimiter":
        return cls(Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0))

    async def aclose(self) -> None:
        await self._client.aclose()

    async def hit(self, key: str, limit: int, window_seconds: int) -> RateDecision:
        try:
            count, ttl_ms = await self._script(
                keys=[self._prefix + key], args=[window_seconds * 1000]
            )
        except RedisError as e:
            raise RateLimiterUnavailable("the rate limiter's Redis did not answer") from e
        reset_after = max(1, math.ceil(int(ttl_ms) / 1000))
        count = int(count)
        return RateDecision(count <= limit, limit, max(0, limit - count), reset_after)
