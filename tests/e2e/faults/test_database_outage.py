"""A PostgreSQL restart under load: 503 problem+json with Retry-After, never 500, and the
service heals by itself. Against a private cluster that the test stops and starts."""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from litestar import Litestar
from loguru import logger
from sqlalchemy import text

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.migrations import upgrade
from boxoffice.domain.users import Role
from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.settings import (
    BrokerSettings,
    DatabaseSettings,
    IdentitySettings,
    RateLimitSettings,
    Settings,
)
from tests.e2e.api import JWT_SECRET, Api, assert_problem, running
from tests.e2e.faults.outcomes import Outcomes, load, until
from tests.e2e.faults.private_postgres import PrivatePostgres, private_postgres
from tests.e2e.transport import asgi_transport

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
__all__ = ["private_postgres"]  # the fixture


async def migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


@pytest.fixture
async def app(private_postgres: PrivatePostgres) -> AsyncIterator[Litestar]:
    await migrate(private_postgres.url)
    settings = Settings(
        database=DatabaseSettings(url=private_postgres.url, pool_size=4),
        identity=IdentitySettings(bcrypt_rounds=4, jwt_secret=JWT_SECRET),
        rate_limits=RateLimitSettings(login=100_000),
        broker=BrokerSettings(outbox_poll_seconds=0.5),  # the relay polls through the outage too
    )
    app = create_app(settings)
    async with running(app):
        yield app


@pytest.fixture
async def api(app: Litestar) -> AsyncIterator[Api]:
    transport = asgi_transport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield Api(client, app)


@pytest.fixture
def log_records() -> Iterator[list[Any]]:
    records: list[Any] = []
    sink = logger.add(records.append, level="WARNING", format="{message}")
    yield records
    logger.remove(sink)


def assert_storage_unavailable(response: httpx.Response) -> None:
    body = assert_problem(response, 503)
    assert body["type"] == "/problems/storage-unavailable"
    assert int(response.headers["Retry-After"]) > 0


async def test_bookings_through_a_database_restart_answer_201_or_503_and_heal(
    private_postgres: PrivatePostgres, api: Api, log_records: list[Any]
) -> None:
    admin = await api.user(Role.ADMIN, "admin")
    customer = await api.user(Role.CUSTOMER, "priya")
    event = await api.event(admin, capacity=1_000_000)
    outcomes = Outcomes()
    stop = load(lambda: api.book_raw(customer, event["id"]), outcomes, 201, clients=8)
    try:
        await until(lambda: outcomes.count(201) >= 20, "bookings before the outage")
        await asyncio.to_thread(private_postgres.stop)
        await until(lambda: outcomes.count(503) >= 20, "503 answers while the database is away")
        assert_storage_unavailable(await api.client.get("/ready"))
        assert_storage_unavailable(await api.client.get("/events"))
        assert_storage_unavailable(await api.client.get(f"/events/{event['id']}"))

        await asyncio.to_thread(private_postgres.start)
        restarted = time.monotonic()
        await until(lambda: outcomes.last_success_at > restarted, "a booking after the restart")
        healed_after = outcomes.last_success_at - restarted
        assert (await api.client.get("/ready")).status_code == 200
    finally:
        await stop()

    print(f"\nbookings through a restart: {dict(outcomes.statuses)}; healed {healed_after:.2f} s")
    assert outcomes.unexpected == []
    for response in outcomes.unavailable:
        assert_storage_unavailable(response)
    assert all(record.record["exception"] is None for record in log_records)
    assert all("\n" not in record.record["message"] for record in log_records)


async def test_connections_the_database_dropped_while_idle_are_replaced_unseen(
    private_postgres: PrivatePostgres, api: Api
) -> None:
    admin = await api.user(Role.ADMIN, "admin")
    event = await api.event(admin)
    for _ in range(3):  # fills the pool with connections, then cuts them all
        assert (await api.client.get(f"/events/{event['id']}")).status_code == 200
    await terminate_other_backends(private_postgres.url)

    answers = [(await api.client.get(f"/events/{event['id']}")).status_code for _ in range(5)]

    assert answers == [200] * 5


async def terminate_other_backends(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            cut = await conn.scalar(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'"
                )
            )
            assert cut, "the app held no connection to cut"
    finally:
        await engine.dispose()
