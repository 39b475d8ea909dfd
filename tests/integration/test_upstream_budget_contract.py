"""One contract for the UpstreamBudget port, run against the in-process and the Redis budget."""

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, time, timedelta, timezone

import pytest
from redis.asyncio import Redis

from boxoffice.adapters.ticketmaster.pacing import InProcessDailyBudget
from boxoffice.adapters.ticketmaster.redis_budget import RedisDailyBudget
from boxoffice.application.ports.ticketmaster import UpstreamUnavailable
from boxoffice.application.ports.upstream_budget import UpstreamBudget
from tests.conftest import require_redis

NewBudget = Callable[[int], UpstreamBudget]
# Late on a day to come: Redis forgets at once a counter whose day has already ended.
TOMORROW = datetime.now(UTC).date() + timedelta(days=1)
LATE = datetime.combine(TOMORROW, time(23, 59, 30), UTC)


@pytest.fixture(params=["memory", "redis"])
async def new_budget(request: pytest.FixtureRequest) -> AsyncIterator[NewBudget]:
    """Makes budgets of the backend under test, with a counter no other test uses."""
    if request.param == "memory":
        yield InProcessDailyBudget
        return
    client = Redis.from_url(require_redis())
    prefix = f"test:budget:{uuid.uuid4().hex}:"
    yield lambda per_day: RedisDailyBudget(client, per_day, prefix)
    await client.aclose()


async def test_a_day_allows_exactly_its_budget(new_budget: NewBudget) -> None:
    budget = new_budget(3)

    spent = [await budget.spend(LATE) for _ in range(5)]

    assert spent == [True, True, True, False, False]
    assert budget.per_day == 3


async def test_the_next_utc_day_has_a_fresh_budget(new_budget: NewBudget) -> None:
    budget = new_budget(1)
    assert await budget.spend(LATE)
    assert not await budget.spend(LATE)

    assert await budget.spend(LATE + timedelta(minutes=1))


async def test_the_day_is_the_utc_day_whatever_the_offset_of_the_time_given(
    new_budget: NewBudget,
) -> None:
    budget = new_budget(1)
    assert await budget.spend(LATE)

    next_morning_in_kolkata = LATE.astimezone(timezone(timedelta(hours=5, minutes=30)))
    assert not await budget.spend(next_morning_in_kolkata)


async def test_concurrent_requests_are_counted_exactly(new_budget: NewBudget) -> None:
    budget = new_budget(5)

    spent = await asyncio.gather(*(budget.spend(LATE) for _ in range(50)))

    assert sum(spent) == 5


@pytest.mark.redis
async def test_budgets_of_several_processes_share_one_count_in_redis() -> None:
    url, prefix = require_redis(), f"test:budget:{uuid.uuid4().hex}:"
    first = RedisDailyBudget(Redis.from_url(url), 4, prefix)
    second = RedisDailyBudget(Redis.from_url(url), 4, prefix)
    try:
        spent = [await b.spend(LATE) for b in (first, second) * 3]
    finally:
        await first.aclose()
        await second.aclose()

    assert spent == [True] * 4 + [False] * 2


@pytest.mark.redis
async def test_a_days_counter_in_redis_expires_when_the_day_ends() -> None:
    client, prefix = Redis.from_url(require_redis()), f"test:budget:{uuid.uuid4().hex}:"
    budget = RedisDailyBudget(client, 4, prefix)
    try:
        await budget.spend(LATE)
        expires_at = await client.expiretime(f"{prefix}{TOMORROW.isoformat()}")
    finally:
        await client.aclose()

    day_ends = datetime.combine(TOMORROW + timedelta(days=1), time(), UTC)
    assert expires_at == int(day_ends.timestamp())


async def test_an_unreachable_redis_is_reported_as_unavailable() -> None:
    budget = RedisDailyBudget.from_url("redis://127.0.0.1:1/1", 5)
    try:
        with pytest.raises(UpstreamUnavailable):
            await budget.spend(LATE)
    finally:
        await budget.aclose()
