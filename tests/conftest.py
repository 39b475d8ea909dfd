"""Shared fixtures: databases (SQLite always; PostgreSQL when reachable, and always on CI)."""

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy import notification_tables  # noqa: F401  (its tables join metadata)
from adapters.sqlalchemy.engine import create_engine
from adapters.sqlalchemy.migrations import upgrade
from adapters.sqlalchemy.tables import metadata
from tests.fake_ticketmaster import FakeApi, fake_api_process

POSTGRES_URL = os.environ.get(
    "BOXOFFICE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("BOXOFFICE_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
BACKENDS = ("sqlite", "postgres")


def _postgres_dsn() -> str:
    return POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://", 1)


def postgres_reachable() -> bool:
    try:
        with psycopg.connect(_postgres_dsn(), connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def require_postgres() -> None:
    """Skip when PostgreSQL is missing on a developer machine; fail on CI, where it is required."""
    if postgres_reachable():
        return
    if ON_CI:
        pytest.fail(f"PostgreSQL is required on CI but {POSTGRES_URL} does not answer")
    pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}")


def redis_reachable() -> bool:
    import redis

    try:
        with redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2) as client:
            return bool(client.ping())
    except redis.RedisError:
        return False


def require_redis() -> str:
    """Skip when Redis is missing on a developer machine; fail on CI, where it is required."""
    if redis_reachable():
        return REDIS_URL
    if ON_CI:
        pytest.fail(f"Redis is required on CI but {REDIS_URL} does not answer")
    pytest.skip(f"Redis not reachable at {REDIS_URL}")


def reset_postgres_schema() -> None:
    with psycopg.connect(_postgres_dsn(), autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def truncate_postgres() -> None:
    tables = ", ".join(t.name for t in metadata.sorted_tables)
    with psycopg.connect(_postgres_dsn(), autocommit=True) as conn:
        conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating once is much faster)."""
    import asyncio

    path = tmp_path_factory.mktemp("template") / "template.db"
    asyncio.run(_migrate(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def migrated_postgres() -> str:
    import asyncio

    require_postgres()
    reset_postgres_schema()
    asyncio.run(_migrate(POSTGRES_URL))
    return POSTGRES_URL


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[str]:
    """An empty, migrated database on each backend in turn."""
    if request.param == "sqlite":
        path = tmp_path / "boxoffice.db"
        shutil.copy(sqlite_template, path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    url = request.getfixturevalue("migrated_postgres")
    truncate_postgres()
    yield url


@pytest.fixture
def postgres_url(migrated_postgres: str) -> str:
    """An empty, migrated PostgreSQL database (for tests that only make sense there)."""
    truncate_postgres()
    return migrated_postgres


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
def fake_api_server() -> Iterator[FakeApi]:
    """One `boxoffice ticketmaster fake-api` process for the session."""
    with fake_api_process() as api:
        yield api


@pytest.fixture
def fake_api(fake_api_server: FakeApi) -> FakeApi:
    """The fake Ticketmaster API with no faults queued and no requests recorded."""
    fake_api_server.reset()
    return fake_api_server
