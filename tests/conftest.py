"""Shared fixtures: databases (SQLite always; PostgreSQL when reachable, and always on CI).

Each run, and each pytest-xdist worker, has a PostgreSQL and a Redis database of its own
(tests/run_databases.py)."""

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import psycopg
import pytest
import redis
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.migrations import upgrade
from boxoffice.adapters.sqlalchemy.schema import metadata
from tests.fake_ticketmaster import FakeApi, fake_api_process
from tests.run_databases import (
    Run,
    choose_postgres_url,
    claim_redis_url,
    create_postgres_database,
    drop_postgres_database,
    libpq,
    release_redis,
    server_dsn,
)
from tests.stuck_tests import pytest_timeout_set_timer  # noqa: F401 - a hook of this suite

RUN = Run.this_one()
POSTGRES_URL, OWN_POSTGRES_DATABASE = choose_postgres_url(RUN)
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
BACKENDS = ("sqlite", "postgres")
_claimed_redis: list[tuple[str, bool]] = []  # the run's Redis database, once claimed


def _postgres_dsn() -> str:
    return libpq(POSTGRES_URL)


def postgres_reachable() -> bool:
    # A database the run creates does not exist yet: ask its server.
    dsn = server_dsn(POSTGRES_URL) if OWN_POSTGRES_DATABASE else _postgres_dsn()
    try:
        with psycopg.connect(dsn, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


# The test being set up or run: a test that asks for a service must carry its marker, so that
# `-m "not postgres"` and friends select what they say.
_running: list[pytest.Item] = []
# A fixture of these names, or a parameter of this value, means the test needs that service.
SERVICE_FIXTURES = {
    "migrated_postgres": "postgres",
    "postgres_url": "postgres",
    "empty_postgres": "postgres",
    "private_postgres": "postgres",  # a cluster of its own, from the same PostgreSQL install
    "private_redis": "redis",
    "redis_not_yet_started": "redis",
    "private_rabbitmq": "rabbitmq",
    "private_rabbitmq_url": "rabbitmq",
}
SERVICE_PARAMS = {"postgres": "postgres", "redis": "redis", "rabbitmq": "rabbitmq"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks what the fixtures and parameters already say; `must_be_marked` catches the rest."""
    for item in items:
        needs = {
            SERVICE_FIXTURES[n] for n in getattr(item, "fixturenames", ()) if n in SERVICE_FIXTURES
        }
        callspec = getattr(item, "callspec", None)
        for value in callspec.params.values() if callspec else ():
            if isinstance(value, str) and value in SERVICE_PARAMS:
                needs.add(SERVICE_PARAMS[value])
        for marker in sorted(needs - {m.name for m in item.iter_markers()}):
            item.add_marker(marker)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _running[:] = [item]


def must_be_marked(marker: str, service: str) -> None:
    """Fails the running test when it uses `service` without `@pytest.mark.<marker>`."""
    if _running and _running[0].get_closest_marker(marker) is None:
        pytest.fail(
            f"{_running[0].nodeid} uses {service}: mark it @pytest.mark.{marker}", pytrace=False
        )


def require_postgres() -> None:
    """Skip when PostgreSQL is missing on a developer machine; fail on CI, where it is required."""
    must_be_marked("postgres", "PostgreSQL")
    if postgres_reachable():
        return
    if ON_CI:
        pytest.fail(f"PostgreSQL is required on CI but {POSTGRES_URL} does not answer")
    pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}")


def require_redis() -> str:
    """The run's own Redis database. Skips when Redis is missing on a developer machine; fails
    on CI, where it is required."""
    must_be_marked("redis", "Redis")
    if not _claimed_redis:
        try:
            _claimed_redis.append(claim_redis_url(RUN))
        except redis.RedisError as e:
            if ON_CI:
                pytest.fail(f"Redis is required on CI but does not answer: {e}")
            pytest.skip(f"Redis not reachable: {e}")
    return _claimed_redis[0][0]


def pytest_sessionfinish() -> None:
    if _claimed_redis:
        release_redis(RUN, *_claimed_redis.pop())


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
def migrated_postgres() -> Iterator[str]:
    """The run's PostgreSQL database, migrated; dropped at the end if the run created it."""
    import asyncio

    require_postgres()
    if OWN_POSTGRES_DATABASE:
        create_postgres_database(POSTGRES_URL)
    else:
        reset_postgres_schema()
    try:
        asyncio.run(_migrate(POSTGRES_URL))
        yield POSTGRES_URL
    finally:
        if OWN_POSTGRES_DATABASE:
            drop_postgres_database(POSTGRES_URL)


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
    """One fake Ticketmaster API process (`python -m tests.fake_ticketmaster`) for the session."""
    with fake_api_process() as api:
        yield api


@pytest.fixture
def fake_api(fake_api_server: FakeApi) -> FakeApi:
    """The fake Ticketmaster API with no faults queued and no requests recorded."""
    fake_api_server.reset()
    return fake_api_server
