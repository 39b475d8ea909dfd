"""Attractions come back by position even when the database reads them in another order."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.tables import event_attractions
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from tests.integration.contract import event_in
from tests.integration.test_repository_contract_imported import (
    LINE_UP,
    imported,
    upsert,
    with_line_up,
)


@pytest.fixture
async def heap_order_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """On PostgreSQL, an engine that reads tables in storage order rather than by an index."""
    engine = create_engine(database_url)
    if engine.dialect.name == "postgresql":
        await engine.dispose()
        options = "-c enable_indexscan=off -c enable_bitmapscan=off -c enable_indexonlyscan=off"
        engine = create_async_engine(database_url, connect_args={"options": options})
    yield engine
    await engine.dispose()


async def test_attractions_written_last_position_first_read_back_first_position_first(
    engine: AsyncEngine, heap_order_engine: AsyncEngine
) -> None:
    event = with_line_up(imported()[0], LINE_UP)
    await upsert(SqlAlchemyUnitOfWork(engine), [event])
    async with engine.begin() as conn:  # rewritten backwards: the table's natural order reversed
        await conn.execute(delete(event_attractions))
        rows = [
            {"event_id": event.id, "position": i, "name": name}
            for i, name in reversed(list(enumerate(LINE_UP)))
        ]
        for row in rows:
            await conn.execute(insert(event_attractions), row)

    stored = await event_in(SqlAlchemyUnitOfWork(heap_order_engine), event.id)

    assert stored is not None
    assert stored.listing is not None
    assert stored.listing.attractions == LINE_UP
