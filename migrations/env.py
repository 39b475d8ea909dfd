"""Alembic environment: runs on a connection handed over by the application (see
adapters.sqlalchemy.migrations), or on BOXOFFICE_DATABASE_URL when run by the alembic CLI."""

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

config = context.config


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=None,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_on_url(url: str) -> None:
    from boxoffice.adapters.sqlalchemy.engine import create_engine

    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(run_on)
    finally:
        await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    run_on(connection)
else:
    asyncio.run(
        run_on_url(os.environ.get("BOXOFFICE_DATABASE_URL", "sqlite+aiosqlite:///boxoffice.db"))
    )
