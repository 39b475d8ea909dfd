"""On-demand refreshes of Ticketmaster markets are bounded per caller and in total; a refused
refresh answers from the store (a reason, not an error) and costs no upstream request."""

from boxoffice.adapters.rate_limit.memory import InMemoryRateLimiter
from boxoffice.application.errors import RateLimiterUnavailable
from boxoffice.application.ports.rate_limiter import RateDecision, RateLimiter
from boxoffice.application.services.limits import Limit
from boxoffice.application.use_cases.refresh_market import (
    LIMITED,
    FreshnessPolicy,
    MarketRefresh,
    RefreshMarket,
)
from boxoffice.application.use_cases.sync_ticketmaster import SyncTicketmaster
from tests.builders import NOW
from tests.fake_gateway import FakeTicketmasterGateway
from tests.fakes import FixedClock, InMemoryStore, InMemoryUnitOfWork

POLICY = FreshnessPolicy(per_caller=Limit(2, 60), in_total=Limit(3, 60))


class UnreachableLimiter:
    async def hit(self, key: str, limit: int, window_seconds: int) -> RateDecision:
        raise RateLimiterUnavailable("no Redis")


def refresher(
    gateway: FakeTicketmasterGateway, limiter: RateLimiter | None = None
) -> RefreshMarket:
    store, clock = InMemoryStore(), FixedClock(NOW)
    sync = SyncTicketmaster(InMemoryUnitOfWork(store), gateway, clock)
    return RefreshMarket(InMemoryUnitOfWork(store), sync, clock, POLICY, limiter)


async def test_one_caller_refreshes_at_most_its_limit_of_new_markets() -> None:
    gateway = FakeTicketmasterGateway([[]])
    refresh = refresher(gateway, InMemoryRateLimiter())

    answers = [
        await refresh.execute(MarketRefresh(keyword=f"band {i}", caller="ip:a")) for i in range(5)
    ]

    assert answers == [None, None, LIMITED, LIMITED, LIMITED]
    assert gateway.requests_used == 2


async def test_all_callers_together_refresh_at_most_the_total_limit() -> None:
    gateway = FakeTicketmasterGateway([[]])
    refresh = refresher(gateway, InMemoryRateLimiter())

    answers = [
        await refresh.execute(MarketRefresh(keyword=f"band {i}", caller=f"ip:{i}"))
        for i in range(5)
    ]

    assert answers == [None, None, None, LIMITED, LIMITED]
    assert gateway.requests_used == 3


async def test_a_caller_refused_by_its_own_limit_spends_nothing_of_the_total() -> None:
    gateway = FakeTicketmasterGateway([[]])
    refresh = refresher(gateway, InMemoryRateLimiter())
    for i in range(6):
        await refresh.execute(MarketRefresh(keyword=f"flood {i}", caller="ip:flooder"))

    assert await refresh.execute(MarketRefresh(keyword="jazz", caller="ip:someone")) is None
    assert gateway.requests_used == 3


async def test_a_fresh_market_is_answered_without_counting_a_refresh() -> None:
    gateway = FakeTicketmasterGateway([[]])
    refresh = refresher(gateway, InMemoryRateLimiter())
    assert await refresh.execute(MarketRefresh(city="Pune", caller="ip:a")) is None

    again = [await refresh.execute(MarketRefresh(city="Pune", caller="ip:a")) for _ in range(5)]

    assert again == [None] * 5
    assert await refresh.execute(MarketRefresh(city="Goa", caller="ip:a")) is None
    assert gateway.requests_used == 2


async def test_refreshes_pause_while_their_limits_cannot_be_counted() -> None:
    gateway = FakeTicketmasterGateway([[]])
    refresh = refresher(gateway, UnreachableLimiter())

    reason = await refresh.execute(MarketRefresh(city="Pune", caller="ip:a"))

    assert reason is not None
    assert "paused" in reason
    assert gateway.requests_used == 0


async def test_without_a_limiter_every_stale_market_is_refreshed() -> None:
    gateway = FakeTicketmasterGateway([[]])
    refresh = refresher(gateway)

    answers = [
        await refresh.execute(MarketRefresh(keyword=f"band {i}", caller="ip:a")) for i in range(5)
    ]

    assert answers == [None] * 5
    assert gateway.requests_used == 5
