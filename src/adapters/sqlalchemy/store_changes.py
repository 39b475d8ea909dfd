"""Looks at the database for writes committed by anyone since the previous look.

PostgreSQL: `pg_current_snapshot()` gives `xmax`, one past the highest transaction id that
ended, and `xip`, the ids below it still running; every id below `xmax` not in `xip` ended.
Reads get no id, so only writing transactions count. Between two looks a write ended if a
transaction running at the first look runs no more, or if `xmax` moved on by more ids than
are still running among them. The ids are the whole server's, other databases' writes
included: those cost answers their hold, never a stale answer.

SQLite: `PRAGMA data_version` changes on a connection when another connection committed to
the file; the look keeps one connection of its own, used for nothing else. A database in
memory lives on one connection, which nothing can look at from outside: no watch there.
"""

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.adapters.sqlalchemy.errors import connected
from boxoffice.application.errors import StorageUnavailable

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Snapshot:
    xmax: int
    running: frozenset[int]

    @classmethod
    def parse(cls, text: str) -> "Snapshot":
        """From `pg_current_snapshot()`'s text form, `xmin:xmax:xip,xip,...`."""
        _, xmax, xip = text.split(":")
        return cls(int(xmax), frozenset(int(x) for x in xip.split(",") if x))

    def ended_since(self, earlier: "Snapshot") -> bool:
        """Whether a writing transaction ended between `earlier` and this snapshot."""
        if not earlier.running <= self.running:
            return True
        given = self.xmax - earlier.xmax
        still_running = sum(1 for x in self.running if x >= earlier.xmax)
        return given > still_running


class PostgresCommits:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._last: Snapshot | None = None

    async def changed(self) -> bool:
        async with connected(self._engine, transaction=False) as conn:
            result = await conn.exec_driver_sql("SELECT pg_current_snapshot()::text")
            snapshot = Snapshot.parse(result.scalar_one())
        earlier, self._last = self._last, snapshot
        return earlier is None or snapshot.ended_since(earlier)

    async def close(self) -> None:
        """Nothing of its own: the engine's pool is closed with the engine."""


class SqliteDataVersion:
    """One connection, used on one thread of its own: a look the watch gave up on (a timeout,
    a cancellation) still runs to its end there, before the next look or the close."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._last: int | None = None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-watch")

    async def changed(self) -> bool:
        try:
            version = await self._on_its_thread(self._read)
        except sqlite3.Error as e:
            await self._on_its_thread(self._close)
            raise StorageUnavailable(f"the database cannot be read: {type(e).__name__}") from e
        earlier, self._last = self._last, version
        return earlier is None or version != earlier

    async def close(self) -> None:
        await self._on_its_thread(self._close)
        self._thread.shutdown(wait=False)

    async def _on_its_thread(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._thread, work)

    def _read(self) -> int:
        if self._connection is None:
            # Autocommit: a PRAGMA outside any transaction holds no lock between looks; rw, not
            # rwc: a look never creates the file.
            address = f"{Path(self._path).absolute().as_uri()}?mode=rw"
            self._connection = sqlite3.connect(address, uri=True, isolation_level=None)
        (version,) = self._connection.execute("PRAGMA data_version").fetchone()
        return int(version)

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._last = None  # a new connection's versions are its own: start again


def store_changes_for(engine: AsyncEngine) -> PostgresCommits | SqliteDataVersion | None:
    """The watch for the engine's database; None where no other connection can see its writes
    (SQLite in memory)."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        path = url.database or ""
        if path in ("", ":memory:") or "mode=memory" in str(url):
            return None
        return SqliteDataVersion(path)
    return PostgresCommits(engine)
