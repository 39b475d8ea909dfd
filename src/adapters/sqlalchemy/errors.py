"""Reading database errors: which constraint an IntegrityError broke, and which errors mean
the database is away rather than that the request was wrong."""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import psycopg
from loguru import logger
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from boxoffice.application.errors import StorageUnavailable

# Connection refused or reset, a server shutting down, a dropped or invalidated connection, no
# connection free in the pool in time, a connect that timed out.
_OUTAGES = (
    OperationalError,
    InterfaceError,
    PoolTimeout,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    OSError,
    TimeoutError,
)


def violates(error: IntegrityError, constraint: str, sqlite_message: str | None = None) -> bool:
    """Whether `error` broke `constraint`.

    PostgreSQL names the constraint in its diagnostics. SQLite names CHECK constraints and
    unique indexes in its message, but a table's UNIQUE constraint only by its columns, which
    `sqlite_message` gives (e.g. "bookings.user_id, bookings.idempotency_key").
    """
    diag = getattr(error.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name:
        return bool(name == constraint)
    message = str(error.orig)
    return constraint in message or (sqlite_message is not None and sqlite_message in message)


def is_outage(error: BaseException) -> bool:
    """Whether `error` says the database is away (so trying again later may work)."""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, _OUTAGES)


def unavailable(error: BaseException) -> StorageUnavailable:
    """The application's error for an outage, logged once as one line (no traceback)."""
    reason = error.orig if isinstance(error, DBAPIError) and error.orig else error
    summary = " ".join(str(reason).split())[:300]
    logger.warning("database unavailable: {}: {}", type(reason).__name__, summary)
    return StorageUnavailable("the database is unavailable; try again shortly")


@contextmanager
def outages_as_unavailable() -> Iterator[None]:
    """Raises StorageUnavailable for an outage inside the block; other errors pass as they are."""
    try:
        yield
    except Exception as e:
        if is_outage(e):
            raise unavailable(e) from e
        raise


@asynccontextmanager
async def connected(engine: AsyncEngine, *, transaction: bool) -> AsyncIterator[AsyncConnection]:
    """`engine.begin()` (committed at the end) or `engine.connect()`, outages translated."""
    with outages_as_unavailable():
        async with engine.begin() if transaction else engine.connect() as conn:
            yield conn
