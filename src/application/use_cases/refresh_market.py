"""On-demand freshness: before answering from the store, sync a stale market within a budget.

The scheduled sync keeps configured markets fresh; a query for a market that was never
synced, or not for longer than `stale_after`, syncs it first. Every new text or city is a new
market, so on-demand syncs are limited per caller and in total: the API's daily quota is
shared with the scheduled sync. When a limit refuses, or Ticketmaster is slow or down, the
caller still gets an answer, from the store, with the reason it may be stale.
"""

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta

from loguru import logger

from boxoffice.application.errors import RateLimiterUnavailable
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.rate_limiter import RateLimiter
from boxoffice.application.ports.ticketmaster import MarketQuery
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.limits import Limit, first_refusal
from boxoffice.application.use_cases.sync_ticketmaster import SyncMarket, SyncTicketmaster

LIMITED = "on-demand refreshes from Ticketmaster are limited; answered from the store"


@dataclass(frozen=True, slots=True)
class FreshnessPolicy:
    enabled: bool = True
    stale_after: timedelta = timedelta(hours=1)
    budget_seconds: float = 3.0
    look_ahead: timedelta = timedelta(days=30)
    per_caller: Limit = field(default_factory=lambda: Limit(5, 3600))
    in_total: Limit = field(default_factory=lambda: Limit(30, 3600))


@dataclass(frozen=True, slots=True)
class MarketRefresh:
    city: str | None = None
    keyword: str | None = None
    caller: str = ""  # whom the per-caller limit counts (services.limits.caller_key)


class RefreshMarket:
    def __init__(
        self,
        uow: UnitOfWork,
        sync: SyncTicketmaster,
        clock: Clock,
        policy: FreshnessPolicy,
        limiter: RateLimiter | None = None,
    ) -> None:
        self._uow = uow
        self._sync = sync
        self._clock = clock
        self._policy = policy
        self._limiter = limiter

    async def execute(self, command: MarketRefresh) -> str | None:
        """None when the market's data is fresh (or was just refreshed); else why it may not be."""
        if not self._policy.enabled:
            return "importing from Ticketmaster is not configured"
        now = self._clock.now()
        end = now + self._policy.look_ahead
        query = MarketQuery(now, end, city=command.city, keyword=command.keyword)
        async with self._uow as uow:
            last = await uow.market_syncs.last_success(query.market)
        if last is not None and now - last < self._policy.stale_after:
            return None
        refused = await self._refused(command.caller)
        if refused:
            return refused
        try:
            sync = self._sync.execute(SyncMarket(query))
            report = await asyncio.wait_for(sync, self._policy.budget_seconds)
        except TimeoutError:
            return "Ticketmaster did not answer within the time budget"
        if report.busy:
            return "this market is being imported right now"
        return report.error

    async def _refused(self, caller: str) -> str | None:
        """Why this refresh may not call Ticketmaster, or None when it may."""
        if self._limiter is None:
            return None
        counters = (
            (f"ticketmaster-refresh:{caller}", self._policy.per_caller),
            ("ticketmaster-refresh:all", self._policy.in_total),
        )
        try:
            refused = await first_refusal(self._limiter, counters)
        except RateLimiterUnavailable as e:  # fail closed: the store still answers
            logger.error("on-demand refresh skipped: {}", e)
            return "on-demand refreshes are paused: their limits cannot be counted"
        return None if refused is None else LIMITED
