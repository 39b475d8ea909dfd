"""One contract for the RateLimiter port, run against the in-process and the Redis limiter."""

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import pytest

from boxoffice.adapters.rate_limit.memory import InMemoryRateLimiter
from boxoffice.adapters.rate_limit.redis import RedisRateLimiter
from boxoffice.application.errors import RateLimiterUnavailable
from boxoffice.application.ports.rate_limiter import RateLimiter
from tests.conftest import require_redis


@pytest.fixture(params=["memory", "redis"])
async def limiter(request: pytest.FixtureRequest) -> AsyncIterator[RateLimiter]:
    if request.param == "memory":
        yield InMemoryRateLimiter()
        return
    redis_limiter = RedisRateLimiter.from_url(require_redis())
    yield redis_limiter
    await redis_limiter.aclose()


def fresh_key() -> str:
    return f"test:{uuid.uuid4().hex}"


async def test_the_first_requests_up_to_the_limit_pass_and_count_down(limiter: RateLimiter) -> None:
    key = fresh_key()

    decisions = [await limiter.hit(key, 3, 60) for _ in range(4)]

    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    assert all(d.limit == 3 for d in decisions)
    assert all(1 <= d.reset_after <= 60 for d in decisions)


async def test_keys_are_counted_apart(limiter: RateLimiter) -> None:
    first, second = fresh_key(), fresh_key()
    for _ in range(2):
        await limiter.hit(first, 2, 60)

    assert not (await limiter.hit(first, 2, 60)).allowed
    assert (await limiter.hit(second, 2, 60)).allowed


async def test_the_window_resets(limiter: RateLimiter) -> None:
    key = await refused_within_one_window(limiter)

    await asyncio.sleep(1.1)  # past the window: only ever longer on a loaded machine

    assert (await limiter.hit(key, 1, 1)).allowed


async def refused_within_one_window(limiter: RateLimiter) -> str:
    """A key over its limit of 1 in a 1 s window; a loaded machine may spread the hits of one
    try over two windows, so a try that took longer does not count."""
    for _ in range(5):
        key, started = fresh_key(), time.monotonic()
        decisions = [await limiter.hit(key, 1, 1) for _ in range(2)]
        if time.monotonic() - started < 1:
            assert not decisions[-1].allowed
            return key
    pytest.fail("two hits never fitted in one second")


async def test_concurrent_requests_are_counted_exactly(limiter: RateLimiter) -> None:
    key = fresh_key()

    decisions = await asyncio.gather(*(limiter.hit(key, 5, 60) for _ in range(50)))

    assert sum(d.allowed for d in decisions) == 5
    assert sorted(d.remaining for d in decisions)[-5:] == [0, 1, 2, 3, 4]


async def test_an_unreachable_redis_is_reported_as_unavailable() -> None:
    limiter = RedisRateLimiter.from_url("redis://127.0.0.1:1/1")
    try:
        with pytest.raises(RateLimiterUnavailable):
            await limiter.hit(fresh_key(), 5, 60)
    finally:
        await limiter.aclose()
