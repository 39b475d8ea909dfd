"""Fixed-window counters in this process: exact for one process, the embedded default."""

import asyncio
import math
import time
from collections.abc import Callable

from boxoffice.application.ports.rate_limiter import RateDecision

PURGE_EVERY = 1024


class InMemoryRateLimiter:
    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._windows: dict[str, tuple[int, float]] = {}  # key -> (count, window end)
        self._lock = asyncio.Lock()
        self._hits = 0

    async def aclose(self) -> None:
        """Nothing to close; here so both limiters share one lifecycle."""

    async def hit(self, key: str, limit: int, window_seconds: int) -> RateDecision:
        async with self._lock:
            now = self._monotonic()
            count, ends = self._windows.get(key, (0, 0.0))
            if ends <= now:
                count, ends = 0, now + window_seconds
            count += 1
            self._windows[key] = (count, ends)
            self._purge(now)
        reset_after = max(1, math.ceil(ends - now))
        return RateDecision(count <= limit, limit, max(0, limit - count), reset_after)

    def _purge(self, now: float) -> None:
        """Forget finished windows now and then, so memory follows the active clients only."""
        self._hits += 1
        if self._hits % PURGE_EVERY == 0:
            self._windows = {k: v for k, v in self._windows.items() if v[1] > now}
