"""Migrations are the only source of the schema; tables.py must describe exactly what they build.

Runs on SQLite and PostgreSQL: a stairway (every revision up, down and up again), then a
comparison of the migrated schema with `adapters.sqlalchemy.tables.metadata`, both through
Alembic's autogenerate and through the catalog for what autogenerate cannot see (CHECK
constraints, expression indexes, ON DELETE rules).
"""

import warnings
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.migrations import alembic_config, downgrade, upgrade
from boxoffice.adapters.sqlalchemy.schema import metadata
from boxoffice.adapters.sqlalchemy.types import Money, UtcDateTime

TABLES = set(metadata.tables)
COPY_SCHEMA = "metadata_copy"  # PostgreSQL: where tables.py is built to compare against


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty SQLite file, or the PostgreSQL test database (migrated, so downgraded first)."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'stairway.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
async def engine(url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(url)
    yield engine
    await engine.dispose()


def revisions() -> list[tuple[str, str]]:
    """(revision, the one below it) from the first to the head."""
    script = ScriptDirectory.from_config(alembic_config())
    steps = [(r.revision, r.down_revision or "base") for r in script.walk_revisions()]
    return [(rev, str(down)) for rev, down in reversed(steps)]


async def tables_in(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda sync: inspect(sync).get_table_names())
    return set(names) - {"alembic_version"}


async def schema_in(engine: AsyncEngine) -> set[tuple[str, str]]:
    """(table, column) of every table, and (table, "index <name>") of its named indexes: what
    each revision adds or changes and its downgrade takes back."""

    def read(sync: Connection) -> set[tuple[str, str]]:
        inspector = inspect(sync)
        tables = [t for t in inspector.get_table_names() if t != "alembic_version"]
        with warnings.catch_warnings():  # expression indexes are skipped, with a warning
            warnings.filterwarnings("ignore", "Skipped unsupported reflection")
            indexes = {(t, f"index {i['name']}") for t in tables for i in inspector.get_indexes(t)}
        return indexes | {
            (t, column["name"]) for t in tables for column in inspector.get_columns(t)
        }

    async with engine.connect() as conn:
        return await conn.run_sync(read)


def columns(schema: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(table, name) for table, name in schema if not name.startswith("index ")}


def test_the_migrations_form_one_line_of_revisions() -> None:
    steps = revisions()
    assert steps
    assert steps[0][1] == "base"
    assert [down for _, down in steps[1:]] == [rev for rev, _ in steps[:-1]]


async def test_every_revision_upgrades_downgrades_and_upgrades_again(engine: AsyncEngine) -> None:
    await downgrade(engine, "base")
    assert await tables_in(engine) == set()

    for revision, below in revisions():
        await upgrade(engine, revision)
        created = await schema_in(engine)
        await downgrade(engine, below)
        below_it = await schema_in(engine)
        assert below_it != created
        assert columns(below_it) <= columns(created)  # a downgrade adds no column back
        await upgrade(engine, revision)
        assert await schema_in(engine) == created

    assert await tables_in(engine) == TABLES
    await downgrade(engine, "base")
    assert await tables_in(engine) == set()
    await upgrade(engine, "head")
    assert await tables_in(engine) == TABLES


@contextmanager
def expression_indexes_unreflected() -> Iterator[None]:
    """SQLite cannot reflect expression indexes; _index_definitions reads them from the catalog."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        yield


def _differences(conn: Connection) -> list[Any]:
    context = MigrationContext.configure(conn, opts={"compare_type": True})
    with expression_indexes_unreflected():
        found = compare_metadata(context, metadata)
    return [d for d in found if not _is_decorated_type_only(d)]


def _is_decorated_type_only(difference: Any) -> bool:
    """Money stores whole cents on SQLite: the same column as far as the schema is concerned."""
    changes = difference if isinstance(difference, list) else [difference]
    return all(
        change[0] == "modify_type" and isinstance(change[-1], Money | UtcDateTime)
        for change in changes
    )


async def test_autogenerate_finds_no_difference_between_migrations_and_tables(
    engine: AsyncEngine,
) -> None:
    await upgrade(engine, "head")

    async with engine.connect() as conn:
        differences = await conn.run_sync(_differences)

    assert differences == []


def _catalog(conn: Connection, schema: str | None) -> dict[str, Any]:
    """Every table's columns, keys, CHECK constraints and index definitions, as the DB has them."""
    inspector = inspect(conn)
    decorated = {
        (t.name, c.name)
        for t in metadata.tables.values()
        for c in t.columns
        if isinstance(c.type, Money | UtcDateTime)
    }
    found = {}
    tables = set(inspector.get_table_names(schema=schema)) - {"alembic_version"}
    with expression_indexes_unreflected():
        for table in tables:
            found[table] = _table_catalog(conn, inspector, table, schema, decorated)
    return found


def _table_catalog(
    conn: Connection, inspector: Any, table: str, schema: str | None, decorated: set[Any]
) -> dict[str, Any]:
    pk = inspector.get_pk_constraint(table, schema)
    columns = inspector.get_columns(table, schema)
    foreign_keys = inspector.get_foreign_keys(table, schema)
    return {
        "columns": sorted(
            (c["name"], c["nullable"], "" if (table, c["name"]) in decorated else str(c["type"]))
            for c in columns
        ),
        "primary key": (pk["name"], pk["constrained_columns"]),
        "foreign keys": sorted(
            (
                f["name"],
                *f["constrained_columns"],
                f["referred_table"],
                f["options"].get("ondelete"),
            )
            for f in foreign_keys
        ),
        "checks": sorted(
            (c["name"], c["sqltext"]) for c in inspector.get_check_constraints(table, schema)
        ),
        "uniques": sorted(
            (u["name"], *u["column_names"]) for u in inspector.get_unique_constraints(table, schema)
        ),
        "indexes": _index_definitions(conn, table, schema),
    }


SQLITE_INDEXES = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t"
POSTGRES_INDEXES = (
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = :s AND tablename = :t"
)


def _index_definitions(conn: Connection, table: str, schema: str | None) -> dict[str, str]:
    """Each index's DDL as the database keeps it (SQLite's constraint indexes have none)."""
    if conn.dialect.name == "sqlite":
        rows = conn.execute(text(SQLITE_INDEXES), {"t": table})
    else:
        rows = conn.execute(text(POSTGRES_INDEXES), {"s": schema or "public", "t": table})
    prefix = f"{schema or 'public'}."
    return {name: " ".join(sql.replace(prefix, "").split()) for name, sql in rows if sql}


async def _catalog_of_tables_py(engine: AsyncEngine, tmp_path: Path) -> dict[str, Any]:
    """The catalog of a database built by `metadata.create_all`, i.e. from tables.py alone."""
    if engine.dialect.name == "sqlite":
        copy = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'metadata.db'}")
        try:
            async with copy.begin() as conn:
                await conn.run_sync(metadata.create_all)
                return await conn.run_sync(_catalog, None)
        finally:
            await copy.dispose()
    async with engine.connect() as conn:
        try:
            await conn.execute(text(f"CREATE SCHEMA {COPY_SCHEMA}"))
            translated = await conn.execution_options(schema_translate_map={None: COPY_SCHEMA})
            await translated.run_sync(metadata.create_all)
            return await conn.run_sync(_catalog, COPY_SCHEMA)
        finally:
            await conn.rollback()


async def test_the_catalog_of_the_migrated_schema_is_exactly_that_of_tables_py(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    await upgrade(engine, "head")
    async with engine.connect() as conn:
        migrated = await conn.run_sync(_catalog, None)

    expected = await _catalog_of_tables_py(engine, tmp_path)

    assert set(migrated) == TABLES
    for table in sorted(TABLES):
        assert migrated[table] == expected[table], table
