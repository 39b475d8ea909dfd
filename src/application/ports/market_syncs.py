"""When each market was last synced, and who is syncing it now (a lease)."""

from datetime import datetime
from typing import Protocol


class MarketSyncRepository(Protocol):
    async def acquire(self, market: str, now: datetime, until: datetime) -> bool:
        """Take the market's lease until `until`, unless someone holds an unexpired one."""

    async def release(self, market: str, now: datetime, error: str | None) -> None:
        """Give the lease back, recording the attempt (and a success when `error` is None)."""

    async def last_success(self, market: str) -> datetime | None: ...
