"""A whole sync from the fake API over HTTP into SQLite and PostgreSQL; the second writes none."""

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.adapters.ticketmaster.gateway import HttpxTicketmasterGateway
from boxoffice.application.ports.ticketmaster import MarketQuery
from boxoffice.application.use_cases.sync_ticketmaster import SyncMarket, SyncTicketmaster
from tests.fake_ticketmaster import API_KEY, FakeApi
from tests.fakes import FixedClock
from tests.integration.ticketmaster.conftest import FAST

NOW = datetime.now(UTC)
MARKETS = (
    MarketQuery(datetime(2019, 1, 1, tzinfo=UTC), datetime(2022, 1, 1, tzinfo=UTC), "GB"),
    MarketQuery(NOW - timedelta(days=1), NOW + timedelta(days=62), "US", "Los Angeles"),
)
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record_sql(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine.sync_engine, "before_cursor_execute", record_sql)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record_sql)


async def test_a_second_sync_of_unchanged_markets_writes_no_event(
    db: AsyncEngine, fake_api: FakeApi
) -> None:
    async with httpx.AsyncClient(base_url=fake_api.base_url) as client:
        gateway = HttpxTicketmasterGateway(client, API_KEY, per_second=100, backoff=FAST)
        use_case = SyncTicketmaster(SqlAlchemyUnitOfWork(db), gateway, FixedClock(NOW))
        first = [await use_case.execute(SyncMarket(market)) for market in MARKETS]
        with statements(db) as seen:
            second = [await use_case.execute(SyncMarket(market)) for market in MARKETS]

    assert [r.error for r in first + second] == [None] * 4
    assert first[0].created == 20  # the recorded Birmingham page
    assert first[1].created > 50
    for before, after in zip(first, second, strict=True):
        assert (after.created, after.updated, after.skipped) == (0, 0, 0)
        assert after.unchanged == after.fetched == before.created
    written = [s for s in seen if s.startswith(WRITES)]
    assert written, "the lease is taken and released"
    assert all("market_syncs" in s for s in written), written
    async with db.connect() as conn:
        count = await conn.scalar(text("SELECT count(*) FROM events WHERE source = 'ticketmaster'"))
        venues = await conn.scalar(text("SELECT count(*) FROM venues"))
    assert count == first[0].created + first[1].created
    assert (venues or 0) > 5
