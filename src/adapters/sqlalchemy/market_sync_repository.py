from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.adapters.sqlalchemy.tables import market_syncs


class SqlAlchemyMarketSyncRepository:
    """The lease is taken by one conditional statement, so two processes cannot both win."""

    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def acquire(self, market: str, now: datetime, until: datetime) -> bool:
        dialect = postgresql if self._conn.dialect.name == "postgresql" else sqlite
        await self._conn.execute(
            dialect.insert(market_syncs)
            .values(market=market)
            .on_conflict_do_nothing(index_elements=["market"])
        )
        taken = await self._conn.execute(
            update(market_syncs)
            .where(
                market_syncs.c.market == market,
                or_(market_syncs.c.lease_until.is_(None), market_syncs.c.lease_until <= now),
            )
            .values(lease_until=until, last_attempt_at=now)
            .returning(market_syncs.c.market)
        )
        return taken.first() is not None

    async def release(self, market: str, now: datetime, error: str | None) -> None:
        values: dict[str, object] = {"lease_until": None, "last_error": (error or None)}
        if error is None:
            values["last_success_at"] = now
        else:
            values["last_error"] = error[:500]
        await self._conn.execute(
            update(market_syncs).where(market_syncs.c.market == market).values(values)
        )

    async def last_success(self, market: str) -> datetime | None:
        return await self._conn.scalar(
            select(market_syncs.c.last_success_at).where(market_syncs.c.market == market)
        )
