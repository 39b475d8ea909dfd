"""Engines for PostgreSQL (psycopg 3) and SQLite (aiosqlite) that keep the same guarantees."""

import math
import select
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from boxoffice.adapters.sqlalchemy.errors import connected
from boxoffice.domain.case import fold_case

SQLITE_BUSY_TIMEOUT_MS = 30_000
# A database that is away refuses at once; one that hangs (a network cut, a stopped host)
# would hold a request for the kernel's TCP timeout, minutes. Both end as StorageUnavailable.
CONNECT_TIMEOUT_S = 5
POOL_TIMEOUT_S = 30
READ_POOL_SQLITE = 2  # each aiosqlite connection is a thread; reads are short


def create_engine(url: str, *, echo: bool = False, pool_size: int = 10) -> AsyncEngine:
    """An async engine for `url`; the caller disposes of it. Its errors do not quote the
    statement's parameters (password hashes, e-mail addresses), so neither do log lines."""
    if url.startswith("sqlite"):
        # Transactions run one at a time anyway (see below); with one connection per process
        # they wait in the pool's queue, woken in turn, instead of in SQLite's busy handler,
        # which polls with sleeps of up to 100 ms and stretches the latency tail.
        engine = create_async_engine(
            url,
            echo=echo,
            pool_size=1,
            max_overflow=0,
            pool_timeout=60,
            hide_parameters=True,
        )
        _make_sqlite_transactions_serial(engine)
        return engine
    engine = create_async_engine(
        url,
        echo=echo,
        pool_size=pool_size,
        max_overflow=pool_size,
        hide_parameters=True,
        pool_timeout=POOL_TIMEOUT_S,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
    )
    _replace_connections_the_server_closed(engine)
    return engine


def _replace_connections_the_server_closed(engine: AsyncEngine) -> None:
    """A pooled connection that the server closed while it idled (a restart, a terminated
    backend) is replaced at checkout, before a statement fails on it.

    An idle connection has nothing to read; one the server closed has its goodbye (a FATAL
    message, then end of file) waiting on the socket. Looking costs one poll(2) call with no
    wait, where a pre-ping would cost a round trip to the database per checkout.
    """

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(_: Any, record: ConnectionPoolEntry, __: Any) -> None:
        if _server_hung_up(record.driver_connection):
            raise DisconnectionError("the database closed this pooled connection")


def _server_hung_up(connection: Any) -> bool:
    if connection is None or connection.closed:
        return True
    poller = select.poll()
    poller.register(connection.fileno(), select.POLLIN | select.POLLERR | select.POLLHUP)
    return bool(poller.poll(0))


def create_read_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    """An engine for single reads: no transaction around them (autocommit), no pre-ping and
    no rollback when a connection goes back to the pool. A connection the database dropped
    while idle fails its statement as invalidated; the caller sends the read again."""
    if url.startswith("sqlite"):
        # WAL lets readers run beside the one writer; these take no lock up front.
        engine = create_async_engine(
            url,
            pool_size=READ_POOL_SQLITE,
            max_overflow=0,
            pool_reset_on_return=None,
            hide_parameters=True,
        )
        event.listen(engine.sync_engine, "connect", _set_up_sqlite)
        return engine
    # No overflow: a read holds its connection for one statement, so a few serve many
    # requests, and the database's connection limit is shared with the transaction pool.
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=0,
        isolation_level="AUTOCOMMIT",
        pool_reset_on_return=None,
        hide_parameters=True,
        pool_timeout=POOL_TIMEOUT_S,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
    )


def _set_up_sqlite(dbapi_connection: Any, _: ConnectionPoolEntry) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()
    # SQLite's own lower() folds ASCII only; the unique lower(email) and lower(username)
    # indexes must treat Ärger@ and ärger@ as one address, as PostgreSQL does.
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
    add_missing_math_functions(dbapi_connection)


def _make_sqlite_transactions_serial(engine: AsyncEngine) -> None:
    """Every transaction starts with BEGIN IMMEDIATE, taking SQLite's write lock up front.

    SQLite allows one writer. A deferred transaction that reads, then writes, fails with
    SQLITE_BUSY if another process wrote in between; taking the lock first makes writers
    queue (up to the busy timeout) instead, across threads and processes alike.
    """
    event.listen(engine.sync_engine, "connect", _set_up_sqlite)

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _lower(value: object) -> object:
    return fold_case(value) if isinstance(value, str) else value


# What the "near" filter computes in SQL. SQLite has them when built with math functions
# (Python's own builds are); a build without them gets these.
MATH_FUNCTIONS = {"sin": math.sin, "cos": math.cos}


def add_missing_math_functions(dbapi_connection: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("SELECT name FROM pragma_function_list WHERE name IN ('sin', 'cos')")
    present = {name for (name,) in cursor.fetchall()}
    cursor.close()
    for name, function in MATH_FUNCTIONS.items():
        if name not in present:
            dbapi_connection.create_function(name, 1, _nulls_kept(function), deterministic=True)


def _nulls_kept(function: Any) -> Any:
    def call(value: float | None) -> float | None:
        return None if value is None else float(function(value))

    return call


async def ping(engine: AsyncEngine) -> None:
    """Raises StorageUnavailable if the database does not answer a trivial query."""
    async with connected(engine, transaction=False) as conn:
        await conn.exec_driver_sql("SELECT 1")


class SqlAlchemyStorageProbe:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def ping(self) -> None:
        await ping(self._engine)
