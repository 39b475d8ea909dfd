"""Counting a client's requests in fixed windows."""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_after: int  # whole seconds until the window starts again (at least 1)


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: int, window_seconds: int) -> RateDecision:
        """Count one request for `key`; allowed while this window has seen at most `limit`.

        Raises RateLimiterUnavailable when the counter cannot be reached."""
