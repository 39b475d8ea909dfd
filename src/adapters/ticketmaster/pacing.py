"""Keeping to the API's limits: evenly spaced requests, a daily budget, patient retries."""

import asyncio
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


class Pacer:
    """At most `per_second` request starts a second, evenly spaced: the API's spike arrest
    allows no burst at all, so a token bucket would still be refused."""

    def __init__(self, per_second: float) -> None:
        self._interval = 1.0 / per_second
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self._interval
        if delay > 0:
            await asyncio.sleep(delay)


class InProcessDailyBudget:
    """Requests this process may still send today (UTC): exact for one process only."""

    def __init__(self, per_day: int) -> None:
        self._per_day = per_day
        self._day = ""
        self._used = 0

    @property
    def per_day(self) -> int:
        return self._per_day

    async def aclose(self) -> None:
        """Nothing to close; here so both budgets share one lifecycle."""

    async def spend(self, now: datetime) -> bool:
        day = now.astimezone(UTC).date().isoformat()
        if day != self._day:
            self._day, self._used = day, 0
        if self._used >= self._per_day:
            return False
        self._used += 1
        return True


@dataclass(frozen=True, slots=True)
class Backoff:
    retries: int = 3
    base_seconds: float = 0.5
    max_seconds: float = 8.0

    def delay(self, attempt: int) -> float:
        """Exponential with full jitter, so that many clients do not retry in step."""
        ceiling = min(self.max_seconds, self.base_seconds * 2**attempt)
        return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not security


def retry_after_seconds(headers: dict[str, str], now: datetime) -> float | None:
    """`Retry-After` (seconds or an HTTP date), else `Rate-Limit-Reset` (epoch milliseconds)."""
    value = headers.get("retry-after")
    if value:
        try:
            return max(float(value), 0.0)
        except ValueError:
            try:
                return max((parsedate_to_datetime(value) - now).total_seconds(), 0.0)
            except (TypeError, ValueError):
                pass
    reset = headers.get("rate-limit-reset")
    if reset:
        try:
            return max(int(reset) / 1000 - now.timestamp(), 0.0)
        except ValueError:
            return None
    return None
