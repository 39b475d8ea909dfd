"""Redis away when the service starts: it serves anyway, and the rate limiter and the
notification fan-out start working once Redis is up (against a private redis-server)."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from litestar import Litestar

from boxoffice.adapters.notifications.redis_fanout import RedisFanout
from boxoffice.application.models.notifications import Notification
from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.settings import (
    BrokerSettings,
    DatabaseSettings,
    IdentitySettings,
    RateLimitSettings,
    RedisSettings,
    Settings,
)
from tests.e2e.api import JWT_SECRET, running
from tests.e2e.faults.outcomes import until_true
from tests.e2e.transport import asgi_transport
from tests.fake_notifications import a_change
from tests.integration.broker_servers import PrivateRedis

pytestmark = [pytest.mark.redis, pytest.mark.slow]
LOGIN_LIMIT = 3


@pytest.fixture
def redis_not_yet_started(tmp_path: Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(tmp_path)
    yield server
    server.kill()


@pytest.fixture
async def app(redis_not_yet_started: PrivateRedis, database_url: str) -> AsyncIterator[Litestar]:
    settings = Settings(
        database=DatabaseSettings(url=database_url),
        identity=IdentitySettings(bcrypt_rounds=4, jwt_secret=JWT_SECRET),
        redis=RedisSettings(url=redis_not_yet_started.url),  # the limiter, and the embedded fan-out
        rate_limits=RateLimitSettings(login=LOGIN_LIMIT),
        broker=BrokerSettings(outbox_poll_seconds=3600),
    )
    app = create_app(settings)
    async with running(app):  # started while nothing listens on Redis's port
        yield app


async def test_the_service_starts_without_redis_and_limits_requests_once_redis_is_up(
    app: Litestar, redis_not_yet_started: PrivateRedis
) -> None:
    transport = asgi_transport(app, ("203.0.113.9", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:

        async def log_in() -> int:
            body = {"login": "nobody", "password": "wrong-password"}
            return (await client.post("/auth/login", json=body)).status_code

        without_redis = [await log_in() for _ in range(LOGIN_LIMIT + 2)]
        redis_not_yet_started.start()
        answers: list[int] = []

        async def one_more() -> bool:
            answers.append(await log_in())
            return answers[-1] == 429

        await until_true(one_more, "a login refused with 429 once Redis is up")

    assert without_redis == [401] * (LOGIN_LIMIT + 2)  # failing open, not locking anyone out
    assert set(answers) <= {401, 429}


async def test_a_fanout_started_while_redis_is_away_delivers_once_it_is_up(
    redis_not_yet_started: PrivateRedis,
) -> None:
    heard: list[Notification] = []
    listener = RedisFanout.from_url(redis_not_yet_started.url, "test-fanout-at-start")
    speaker = RedisFanout.from_url(redis_not_yet_started.url, "test-fanout-at-start")
    try:
        await listener.start(heard.append)
        redis_not_yet_started.start()

        async def heard_one() -> bool:
            # Pub/sub keeps nothing for a listener not yet subscribed: say it until heard.
            await speaker.publish(Notification.of(1, a_change()))
            await asyncio.sleep(0.1)
            return bool(heard)

        await until_true(heard_one, "a notification heard after Redis came up")
    finally:
        await listener.aclose()
        await speaker.aclose()

    assert heard[0].id == 1
