"""Beginning and ending a unit of work's transaction, with database outages translated."""

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from boxoffice.adapters.sqlalchemy.errors import is_outage, outages_as_unavailable, unavailable
from boxoffice.application.errors import StorageUnavailable


async def begin(engine: AsyncEngine) -> AsyncConnection:
    """A connection of the engine's pool with a transaction begun on it."""
    with outages_as_unavailable():
        conn = await engine.connect()
        try:
            await conn.begin()
        except BaseException:
            await conn.close()
            raise
    return conn


async def end(conn: AsyncConnection, exc: BaseException | None) -> None:
    """Rolls back what was not committed and gives the connection back to the pool.

    An outage, whether it ended the block (`exc`) or shows here (a rollback on a dropped
    connection fails too), leaves as StorageUnavailable, translated once.
    """
    outage = exc if exc is not None and is_outage(exc) else None
    try:
        try:
            if conn.in_transaction():
                await conn.rollback()
        finally:
            await conn.close()
    except Exception as e:
        if not is_outage(e):
            raise
        outage = outage or e
    if outage is not None and not isinstance(exc, StorageUnavailable):
        raise unavailable(outage) from outage
