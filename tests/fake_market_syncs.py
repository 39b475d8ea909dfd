"""In-memory twin of adapters/sqlalchemy/market_sync_repository.py."""

from datetime import datetime

from tests.fake_tables import FakeRepository, utc


class InMemoryMarketSyncRepository(FakeRepository):
    async def acquire(self, market: str, now: datetime, until: datetime) -> bool:
        await self._io()
        lease, success, error = self._t.market_syncs.get(market, (None, None, None))
        if lease is not None and lease > utc(now):
            return False
        self._t.market_syncs[market] = (utc(until), success, error)
        return True

    async def release(self, market: str, now: datetime, error: str | None) -> None:
        await self._io()
        _, success, _ = self._t.market_syncs.get(market, (None, None, None))
        self._t.market_syncs[market] = (None, utc(now) if error is None else success, error)

    async def last_success(self, market: str) -> datetime | None:
        await self._io()
        return self._t.market_syncs.get(market, (None, None, None))[1]
