"""Counting a caller's costly requests through the RateLimiter port, several counters at once."""

from collections.abc import Sequence
from dataclasses import dataclass

from boxoffice.application.ports.rate_limiter import RateDecision, RateLimiter
from boxoffice.application.services.auth import Principal


@dataclass(frozen=True, slots=True)
class Limit:
    """At most `count` per `window_seconds`; a count of 0 means no limit."""

    count: int
    window_seconds: int


def caller_key(principal: Principal | None, client: str) -> str:
    """Whom a limit counts: a signed-in user wherever they are, else their network address
    (so that people who share one address, an office's say, do not share one limit)."""
    return f"user:{principal.user_id}" if principal else f"ip:{client}"


async def first_refusal(
    limiter: RateLimiter, counters: Sequence[tuple[str, Limit]]
) -> tuple[Limit, RateDecision] | None:
    """Counts one request on each counter in turn, narrowest first; the first refusal, if any,
    with the limit that refused.

    A refused request is not counted on the wider counters after it, so that one client's
    refused flood does not use up a budget that others share. Raises RateLimiterUnavailable
    when the counters cannot be reached: the caller decides whether to fail open or closed."""
    for key, limit in counters:
        if limit.count <= 0:
            continue
        decision = await limiter.hit(key, limit.count, limit.window_seconds)
        if not decision.allowed:
            return limit, decision
    return None
