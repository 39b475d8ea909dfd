"""The broker really goes away during a burst of event writes and comes back: the event service
keeps accepting writes, its outbox drains when the broker returns, and the user's socket gets
every event's notification exactly once. Real processes on PostgreSQL; a private broker
server (never the shared one) that the test stops and starts again."""

import asyncio
import json
import secrets
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from tests.conftest import require_redis
from tests.e2e.notifications.served import socket_url, start_notifications
from tests.e2e.notifications.test_whole_flow import an_event, sign_in
from tests.e2e.races.servers import Server, run_cli, server_environment, start_server
from tests.integration.broker_backends import eventually
from tests.integration.broker_servers import PrivateRabbitMq, PrivateRedis

# A broker node started twice, then up to 90 s for the backlog: past the suite's ceiling when
# the machine is loaded.
pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis, pytest.mark.timeout(600)]
SECRET = secrets.token_urlsafe(48)
PASSWORD = "Flow#Pass1"
WRITES_PER_SECOND = 10
OUTAGE_SECONDS = 3.0


class Broker:
    """A private broker server the test may stop and start."""

    def __init__(self, kind: str, directory: Path) -> None:
        if kind == "redis":
            redis = PrivateRedis(directory)
            self.server: PrivateRedis | PrivateRabbitMq = redis
            self.down = redis.kill
        else:
            rabbitmq = PrivateRabbitMq(directory)
            self.server = rabbitmq
            self.down = rabbitmq.stop

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture(params=["redis", "rabbitmq"])
def broker(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Broker]:
    directory = tmp_path / "broker"
    directory.mkdir()
    broker = Broker(request.param, directory)
    broker.server.start()
    try:
        yield broker
    finally:
        broker.server.kill()


@pytest.fixture
def services(broker: Broker, migrated_postgres: str, tmp_path: Path) -> Iterator[list[Server]]:
    env = server_environment(migrated_postgres, SECRET) | {
        "BOXOFFICE_BROKER_URL": broker.url,
        "BOXOFFICE_REDIS_URL": require_redis(),  # the notifications' fan-out
        "BOXOFFICE_NOTIFICATIONS_CHANNEL": f"test_ntf_{uuid.uuid4().hex}",
        "BOXOFFICE_OUTBOX_MAX_BACKOFF_SECONDS": "1",
        "BOXOFFICE_OPEN_EVENT_CREATION": "true",
    }
    run_cli(["db", "upgrade"], env, tmp_path)
    started: list[Server] = []
    try:
        # The notification service first: its queue must exist before anything is published.
        started.append(start_notifications(env, tmp_path, "notifications"))
        started.append(start_server(env, tmp_path, "events"))
        yield started
    finally:
        for server in started:
            server.stop()


@dataclass
class Traffic:
    written: list[str] = field(default_factory=list)
    written_at: list[float] = field(default_factory=list)
    received: list[str] = field(default_factory=list)


async def write_until(
    client: httpx.AsyncClient, token: str, traffic: Traffic, stop: asyncio.Event
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    while not stop.is_set():
        answer = await client.post("/events", json=an_event("Burst"), headers=headers)
        assert answer.status_code == 201, answer.text  # writes go on while the broker is away
        traffic.written.append(answer.json()["id"])
        traffic.written_at.append(time.monotonic())
        await asyncio.sleep(1 / WRITES_PER_SECOND)


async def listen(ws: ClientConnection, traffic: Traffic) -> None:
    async for raw in ws:
        message = json.loads(raw)
        if message["type"] == "ping":
            await ws.send('{"type": "pong"}')
        elif message["type"] == "notification":
            traffic.received.append(message["event"]["id"])


@pytest.fixture
async def client(services: list[Server]) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=services[1].url, timeout=30) as client:
        yield client


async def test_every_write_during_a_broker_outage_reaches_the_user_exactly_once(
    broker: Broker, services: list[Server], client: httpx.AsyncClient
) -> None:
    notifications = services[0]
    token = await sign_in(client, f"organiser_{uuid.uuid4().hex[:6]}")
    traffic, stop = Traffic(), asyncio.Event()
    async with connect(socket_url(notifications, token)) as ws:
        listener = asyncio.create_task(listen(ws, traffic))
        writer = asyncio.create_task(write_until(client, token, traffic, stop))
        await asyncio.sleep(1.5)
        went_down = time.monotonic()
        await asyncio.to_thread(broker.down)
        await asyncio.sleep(OUTAGE_SECONDS)
        await asyncio.to_thread(broker.server.start)
        came_back = time.monotonic()
        await asyncio.sleep(1.5)
        stop.set()
        await writer
        await eventually(lambda: set(traffic.received) >= set(traffic.written), 90, "every event")
        await asyncio.sleep(1)  # room for a duplicate to show up
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)

    during = [t for t in traffic.written_at if went_down <= t <= came_back]
    assert during, "no event was written while the broker was down"
    counts = Counter(event for event in traffic.received if event in set(traffic.written))
    assert set(counts) == set(traffic.written)
    assert max(counts.values()) == 1, "a notification reached the user twice"
    print(
        f"\n{len(traffic.written)} events written, {len(during)} while the broker was down "
        f"for {came_back - went_down:.1f} s; each reached the socket once"
    )
