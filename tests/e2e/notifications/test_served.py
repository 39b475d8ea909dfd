"""Two real notification processes sharing PostgreSQL and Redis: a notification recorded by any
process reaches its users' sockets on every process; resuming works across processes."""

import secrets
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from boxoffice.adapters.notifications.redis_fanout import RedisFanout
from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.notification_unit_of_work import (
    SqlAlchemyNotificationUnitOfWork,
)
from boxoffice.adapters.system.clock import SystemClock
from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.use_cases.record_notification import RecordNotification
from boxoffice.domain.users import User
from tests.builders import a_user
from tests.conftest import require_redis
from tests.e2e.notifications.served import receive, socket_url, start_notifications
from tests.e2e.races.servers import Server, server_environment
from tests.fake_notifications import a_change

pytestmark = [pytest.mark.slow, pytest.mark.redis, pytest.mark.postgres]
SECRET = secrets.token_urlsafe(48)


@dataclass
class Setup:
    servers: list[Server]
    channel: str
    redis_url: str
    database_url: str


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory, migrated_postgres: str) -> Iterator[Setup]:
    redis_url = require_redis()
    channel = f"test_ntf_{uuid.uuid4().hex}"
    env = server_environment(migrated_postgres, SECRET) | {
        "BOXOFFICE_REDIS_URL": redis_url,
        "BOXOFFICE_NOTIFICATIONS_CHANNEL": channel,
    }
    workdir = tmp_path_factory.mktemp("notifications")
    started: list[Server] = []
    try:
        for n in range(2):
            started.append(start_notifications(env, workdir, f"notifications-{n}"))
        yield Setup(started, channel, redis_url, migrated_postgres)
    finally:
        for server in started:
            server.stop()


@pytest.fixture
async def record(setup: Setup, postgres_url: str) -> AsyncIterator[RecordNotification]:
    """A third process's consumer: stores in the shared database, fans out on Redis."""
    engine = create_engine(setup.database_url)
    fanout = RedisFanout.from_url(setup.redis_url, setup.channel)
    yield RecordNotification(SqlAlchemyNotificationUnitOfWork(engine), fanout)
    try:
        await fanout.aclose()
    finally:
        await engine.dispose()  # even when Redis fails to close


def token(user: User) -> str:
    return JwtTokenService(SECRET, "boxoffice", SystemClock()).issue(user).token


async def recorded(record: RecordNotification, change: EventChange) -> int:
    stored = await record.execute(change)
    assert stored is not None
    return stored.id


async def test_a_notification_reaches_its_users_on_either_process(
    setup: Setup, record: RecordNotification
) -> None:
    first, second = setup.servers
    fan, stranger = a_user("fan"), a_user("stranger")
    async with (
        connect(socket_url(first, token(fan))) as fan_ws,
        connect(socket_url(second, token(stranger))) as stranger_ws,
    ):
        assert (await receive(fan_ws))["type"] == "ready"
        assert (await receive(stranger_ws))["type"] == "ready"

        update = await recorded(record, a_change(ChangeAction.UPDATED, recipients=(fan.id,)))
        created = await recorded(record, a_change())

        assert [(await receive(fan_ws))["id"] for _ in range(2)] == [update, created]
        assert (await receive(stranger_ws))["id"] == created


async def test_a_client_resumes_on_the_other_process_with_exactly_what_it_missed(
    setup: Setup, record: RecordNotification
) -> None:
    first, second = setup.servers
    priya = a_user("priya")
    async with connect(socket_url(first, token(priya))) as ws:
        await receive(ws)
        last_seen = await recorded(record, a_change())
        assert (await receive(ws))["id"] == last_seen
    missed = [await recorded(record, a_change()) for _ in range(3)]

    async with connect(socket_url(second, token(priya), last_id=last_seen)) as ws:
        replayed = []
        while (message := await receive(ws))["type"] == "notification":
            replayed.append(message["id"])
        assert (message["type"], message["replayed"]) == ("ready", len(missed))
        live = await recorded(record, a_change())
        after = await receive(ws)

    assert replayed == missed
    assert after["id"] == live


async def test_a_bad_token_is_closed_with_4401_by_a_real_server(setup: Setup) -> None:
    async with connect(socket_url(setup.servers[0], "not-a-token")) as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await receive(ws)

    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4401
