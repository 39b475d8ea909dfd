"""The daily budget in Redis: one counter per UTC day, shared by every process with the key."""

from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from redis.exceptions import RedisError

from boxoffice.application.ports.ticketmaster import UpstreamUnavailable

# INCR and the expiry in one script, so that no day's counter outlives its day, whoever races.
_SPEND = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('EXPIREAT', KEYS[1], ARGV[1])
end
return count
"""


class RedisDailyBudget:
    def __init__(
        self, client: "Redis", per_day: int, prefix: str = "boxoffice:ticketmaster-budget:"
    ) -> None:
        self._client = client
        self._per_day = per_day
        self._prefix = prefix
        self._script = client.register_script(_SPEND)

    @classmethod
    def from_url(cls, url: str, per_day: int) -> "RedisDailyBudget":
        return cls(Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0), per_day)

    @property
    def per_day(self) -> int:
        return self._per_day

    async def aclose(self) -> None:
        await self._client.aclose()

    async def spend(self, now: datetime) -> bool:
        day = now.astimezone(UTC).date()
        day_ends = datetime.combine(day + timedelta(days=1), datetime.min.time(), UTC)
        try:
            count = await self._script(
                keys=[self._prefix + day.isoformat()], args=[int(day_ends.timestamp())]
            )
        except RedisError as e:
            raise UpstreamUnavailable(
                "the shared daily budget for Ticketmaster requests could not be counted"
            ) from e
        return int(count) <= self._per_day
