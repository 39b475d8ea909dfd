"""Apply the Alembic migrations shipped as the package `boxoffice.migrations` (the
repository's migrations/ folder)."""

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(str(files("boxoffice.migrations")))
# Any fixed 64-bit number that no other code in the database locks ("boxoff" in ASCII).
UPGRADE_LOCK_KEY = 0x626F786F6666


@dataclass(frozen=True, slots=True)
class AppliedMigration:
    revision: str
    title: str


def alembic_config(connection: Connection | None = None) -> Config:
    if not (MIGRATIONS / "env.py").is_file():
        raise RuntimeError(f"migrations folder not found at {MIGRATIONS}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> list[AppliedMigration]:
    """Apply the migrations up to `revision` in one transaction; the ones applied, oldest
    first (none: it was up to date)."""
    async with engine.begin() as conn:
        return await conn.run_sync(_upgrade, revision)


def _upgrade(conn: Connection, revision: str) -> list[AppliedMigration]:
    if conn.dialect.name == "postgresql":
        # Containers starting together upgrade one at a time: the lock is held until this
        # transaction commits, and the next one then finds the schema at head. (Without it,
        # two of three concurrent upgrades of an empty database crashed creating its tables.)
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
    before = MigrationContext.configure(conn).get_current_heads()
    command.upgrade(alembic_config(conn), revision)
    after = MigrationContext.configure(conn).get_current_heads()
    return _applied(before, after)


def _applied(before: tuple[str, ...], after: tuple[str, ...]) -> list[AppliedMigration]:
    if set(before) == set(after):
        return []
    scripts = ScriptDirectory.from_config(alembic_config())
    newest_first = scripts.iterate_revisions(after, before or "base")
    return [
        AppliedMigration(script.revision, (script.doc or "").strip().split("\n")[0])
        for script in reversed(list(newest_first))
        if script is not None
    ]


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    async with engine.begin() as conn:
        await conn.run_sync(lambda sync: command.downgrade(alembic_config(sync), revision))
