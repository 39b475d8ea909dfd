"""The watch for writes sees every commit, by any connection, on PostgreSQL and SQLite; reads
and writes still under way are not taken for commits where they cannot be."""

import asyncio
import shutil
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from boxoffice.adapters.sqlalchemy.engine import create_engine, create_read_engine
from boxoffice.adapters.sqlalchemy.store_changes import (
    PostgresCommits,
    Snapshot,
    SqliteDataVersion,
    store_changes_for,
)
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.application.errors import StorageUnavailable
from tests.builders import an_event


@pytest.fixture
async def read_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_read_engine(database_url)
    yield engine
    await engine.dispose()


async def write(engine: AsyncEngine) -> None:
    async with SqlAlchemyUnitOfWork(engine) as uow:
        await uow.events.add(an_event())
        await uow.commit()


async def test_every_commit_from_another_connection_is_seen(
    read_engine: AsyncEngine, engine: AsyncEngine
) -> None:
    changes = store_changes_for(read_engine)
    assert changes is not None

    first = await changes.changed()
    seen = []
    for _ in range(3):
        await write(engine)
        seen.append(await changes.changed())

    assert first is True  # nothing known before the first look
    assert seen == [True, True, True]


async def test_with_no_write_sqlite_sees_no_change(tmp_path: Path, sqlite_template: Path) -> None:
    path = tmp_path / "quiet.db"
    shutil.copy(sqlite_template, path)
    changes = SqliteDataVersion(str(path))
    await changes.changed()
    quiet = [await changes.changed() for _ in range(3)]
    with sqlite3.connect(path) as other:
        other.execute("SELECT count(*) FROM events").fetchall()  # a read is no change
    after_a_read = await changes.changed()
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE touched (n int)")
    after_a_write = await changes.changed()

    assert (quiet, after_a_read, after_a_write) == ([False] * 3, False, True)


async def test_sqlite_in_memory_has_no_watch_and_a_missing_file_is_unavailable(
    tmp_path: Path,
) -> None:
    memory = create_async_engine("sqlite+aiosqlite:///:memory:")
    missing = SqliteDataVersion(str(tmp_path / "never-created.db"))
    try:
        assert store_changes_for(memory) is None
        with pytest.raises(StorageUnavailable):
            await missing.changed()
        assert not (tmp_path / "never-created.db").exists()
    finally:
        await memory.dispose()


async def test_a_postgres_transaction_counts_when_it_ends_not_when_it_writes(
    postgres_url: str,
) -> None:
    reads, writes = create_read_engine(postgres_url), create_engine(postgres_url)
    changes = PostgresCommits(reads)
    try:
        await changes.changed()
        async with writes.connect() as conn:
            xid = (await conn.exec_driver_sql("SELECT txid_current()")).scalar_one()
            while_open = await snapshot(reads)
            await conn.commit()
        after = await snapshot(reads)
    finally:
        await reads.dispose()
        await writes.dispose()

    assert not completed(while_open, xid)
    assert completed(after, xid)
    assert after.ended_since(while_open)


def completed(snapshot: Snapshot, xid: int) -> bool:
    """As PostgreSQL reads a snapshot: below xmax and not listed as running."""
    return xid < snapshot.xmax and xid not in snapshot.running


async def snapshot(engine: AsyncEngine) -> Snapshot:
    async with engine.connect() as conn:
        text = (await conn.exec_driver_sql("SELECT pg_current_snapshot()::text")).scalar_one()
    return Snapshot.parse(text)


def test_a_snapshot_reads_postgres_text_form() -> None:
    assert Snapshot.parse("10:20:") == Snapshot(20, frozenset())
    assert Snapshot.parse("10:20:10,15") == Snapshot(20, frozenset({10, 15}))


@st.composite
def two_looks(draw: st.DrawFn) -> tuple[Snapshot, Snapshot, bool]:
    """Two snapshots of one server, and whether a transaction ended between them."""
    xmax = draw(st.integers(10, 1000))
    running = draw(st.frozensets(st.integers(1, xmax - 1), max_size=6))
    given_out = draw(st.integers(0, 8))
    new = frozenset(range(xmax, xmax + given_out))
    still = (
        draw(st.frozensets(st.sampled_from(sorted(running | new)), max_size=14))
        if (running | new)
        else frozenset()
    )
    ended = bool((running | new) - still)
    return Snapshot(xmax, running), Snapshot(xmax + given_out, still), ended


@given(two_looks())
def test_a_transaction_that_ended_between_two_looks_is_always_seen(
    looks: tuple[Snapshot, Snapshot, bool],
) -> None:
    earlier, later, ended = looks
    assert later.ended_since(earlier) is ended


async def test_a_look_given_up_on_ends_before_the_next_look_or_the_close(
    tmp_path: Path, sqlite_template: Path
) -> None:
    """The connection is never used by two threads at once (closing it under a running
    statement crashes the process)."""
    path = tmp_path / "watched.db"
    shutil.copy(sqlite_template, path)
    changes = SqliteDataVersion(str(path))
    inside, most = [0], [0]

    def one_at_a_time(work: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
            time.sleep(0.05)
            try:
                return work()
            finally:
                inside[0] -= 1

        return run

    changes._read = one_at_a_time(changes._read)  # type: ignore[method-assign,assignment]
    changes._close = one_at_a_time(changes._close)  # type: ignore[method-assign,assignment]
    given_up = asyncio.create_task(changes.changed())
    await asyncio.sleep(0.01)
    given_up.cancel()
    next_look = await changes.changed()
    await changes.close()

    assert given_up.cancelled()
    assert next_look is True  # the first look that returned knew no earlier one
    assert most == [1]
