"""On-demand freshness: before answering from the store, sync a stale market within a budget.

The scheduled sync keeps configured markets fresh; a query for a market that was never
synced, or not for longer than `stale_after`, syncs it first. When Ticketmaster is slow or
down the caller still gets an answer, from the store, with the reason it may be stale.
"""

import asyncio
from dataclasses import dataclass
from datetime import timedelta

from application.ports.clock import Clock
from application.ports.ticketmaster import MarketQuery
from application.ports.unit_of_work import UnitOfWork
from application.use_cases.sync_ticketmaster import SyncTicketmaster


@dataclass(frozen=True, slots=True)
class FreshnessPolicy:
    enabled: bool = True
    stale_after: timedelta = timedelta(hours=1)
    budget_seconds: float = 3.0
    look_ahead: timedelta = timedelta(days=30)


class RefreshMarket:
    def __init__(
        self, uow: UnitOfWork, sync: SyncTicketmaster, clock: Clock, policy: FreshnessPolicy
    ) -> None:
        self._uow = uow
        self._sync = sync
        self._clock = clock
        self._policy = policy

    async def execute(self, city: str | None = None, keyword: str | None = None) -> str | None:
        """None when the market's data is fresh (or was just refreshed); else why it may not be."""
        if not self._policy.enabled:
            return "importing from Ticketmaster is not configured"
        now = self._clock.now()
        query = MarketQuery(now, now + self._policy.look_ahead, city=city, keyword=keyword)
        async with self._uow as uow:
            last = await uow.market_syncs.last_success(query.market)
        if last is not None and now - last < self._policy.stale_after:
            return None
        try:
            report = await asyncio.wait_for(self._sync.execute(query), self._policy.budget_seconds)
        except TimeoutError:
            return "Ticketmaster did not answer within the time budget"
        if report.busy:
            return "this market is being imported right now"
        return report.error
