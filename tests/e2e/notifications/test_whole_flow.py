"""The whole flow through real processes, on each broker: an event written through the event
service's API reaches the right users' sockets on the notification service.

- memory: the embedded default, one `boxoffice serve` on SQLite hosting both services;
- redis / amqp: `boxoffice serve` and `boxoffice serve notifications` as two processes on
  PostgreSQL, with Redis Streams or RabbitMQ between them.
"""

import secrets
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from websockets.asyncio.client import ClientConnection, connect

from boxoffice.adapters.messaging.redis_streams import DEFAULT_STREAM
from tests.conftest import require_redis
from tests.e2e.notifications.served import receive, socket_url, start_notifications
from tests.e2e.races.servers import Server, run_cli, server_environment, start_server
from tests.integration.broker_servers import PrivateRabbitMq

pytestmark = [pytest.mark.slow]
SECRET = secrets.token_urlsafe(48)
PASSWORD = "Flow#Pass1"


@dataclass
class Services:
    events: Server
    notifications: Server
    organiser: str


def broker_url(broker: str, request: pytest.FixtureRequest) -> str:
    if broker == "redis":
        url = require_redis()  # the run's own database; the services use the default stream
        with redis.Redis.from_url(url) as client:
            client.delete(DEFAULT_STREAM, *client.scan_iter(f"{DEFAULT_STREAM}:*"))
        return url
    return str(request.getfixturevalue("private_rabbitmq_url"))


@pytest.fixture
def private_rabbitmq_url(tmp_path: Path) -> Iterator[str]:
    """A RabbitMQ node of the test's own: the services' exchange and queue have fixed names,
    so two runs on one shared broker would consume each other's messages."""
    directory = tmp_path / "rabbitmq"
    directory.mkdir()
    server = PrivateRabbitMq(directory)
    server.start()
    try:
        yield server.url
    finally:
        server.kill()


@pytest.fixture(
    params=[
        "memory",
        pytest.param("redis", marks=[pytest.mark.postgres, pytest.mark.redis]),
        pytest.param("amqp", marks=[pytest.mark.postgres, pytest.mark.rabbitmq]),
    ]
)
def services(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    broker = request.param
    if broker == "memory":
        env = server_environment(f"sqlite+aiosqlite:///{tmp_path}/flow.db", SECRET)
    else:
        database = request.getfixturevalue("migrated_postgres")
        env = server_environment(database, SECRET)
        env["BOXOFFICE_BROKER_URL"] = broker_url(broker, request)
    organiser = f"organiser_{uuid.uuid4().hex[:6]}"
    run_cli(["db", "upgrade"], env, tmp_path)
    run_cli(
        ["users", "create-admin", "--username", organiser, "--email", f"{organiser}@example.org",
         "--password", PASSWORD],
        env,
        tmp_path,
    )  # fmt: skip
    started: list[Server] = []
    try:
        started.append(start_server(env, tmp_path, "events"))
        if broker != "memory":
            started.append(start_notifications(env, tmp_path, "notifications"))
        yield Services(started[0], started[-1], organiser)
    finally:
        for server in started:
            server.stop()


async def sign_in(client: httpx.AsyncClient, name: str, *, register: bool = True) -> str:
    if register:
        body = {"username": name, "email": f"{name}@example.org", "password": PASSWORD}
        (await client.post("/auth/register", json=body)).raise_for_status()
    login = {"login": name, "password": PASSWORD}
    return str(
        (await client.post("/auth/login", json=login)).raise_for_status().json()["access_token"]
    )


def an_event(title: str) -> dict[str, Any]:
    start = datetime.now(UTC) + timedelta(days=3)
    return {
        "title": title,
        "location": "Main hall",
        "start_time": start.isoformat(),
        "end_time": (start + timedelta(hours=2)).isoformat(),
        "capacity": 10,
    }


async def next_notification(ws: ClientConnection) -> dict[str, Any]:
    while (message := await receive(ws))["type"] != "notification":
        pass
    return message


@pytest.fixture
async def client(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=services.events.url, timeout=10) as client:
        yield client


async def test_each_change_reaches_exactly_the_users_it_concerns(
    services: Services, client: httpx.AsyncClient
) -> None:
    suffix = uuid.uuid4().hex[:6]
    tokens = {
        "organiser": await sign_in(client, services.organiser, register=False),
        "fan": await sign_in(client, f"fan_{suffix}"),
        "bystander": await sign_in(client, f"bystander_{suffix}"),
    }
    auth = {name: {"Authorization": f"Bearer {token}"} for name, token in tokens.items()}
    url = {name: socket_url(services.notifications, token) for name, token in tokens.items()}
    async with (
        connect(url["organiser"]) as organiser,
        connect(url["fan"]) as fan,
        connect(url["bystander"]) as bystander,
    ):
        for ws in (organiser, fan, bystander):
            assert (await receive(ws))["type"] == "ready"

        created = await client.post(
            "/events", json=an_event("Opening night"), headers=auth["organiser"]
        )
        event_id = created.raise_for_status().json()["id"]
        for ws in (organiser, fan, bystander):  # everyone hears of a new event
            message = await next_notification(ws)
            assert message["notification_type"] == "event.created"
            assert message["event"]["id"] == event_id
            assert message["event"]["title"] == "Opening night"
            assert message["user"] == services.organiser

        subscribed = await client.post(f"/events/{event_id}/subscribe", headers=auth["fan"])
        assert subscribed.status_code == 201
        changed = await client.patch(
            f"/events/{event_id}", json={"title": "Opening night, moved"}, headers=auth["organiser"]
        )
        changed.raise_for_status()
        for ws in (organiser, fan):  # the creator and the subscriber hear of the change
            message = await next_notification(ws)
            assert message["notification_type"] == "event.updated"
            assert message["event"] == message["event"] | {
                "id": event_id, "title": "Opening night, moved", "action": "updated"
            }  # fmt: skip

        deleted = await client.delete(f"/events/{event_id}", headers=auth["organiser"])
        assert deleted.status_code == 204
        for ws in (organiser, fan):
            message = await next_notification(ws)
            assert message["notification_type"] == "event.deleted"
            assert message["event"]["id"] == event_id

        # The bystander heard neither the change nor the deletion: the next thing it hears is
        # the next new event.
        second = await client.post("/events", json=an_event("Encore"), headers=auth["organiser"])
        second_id = second.raise_for_status().json()["id"]
        message = await next_notification(bystander)
        assert (message["notification_type"], message["event"]["id"]) == (
            "event.created",
            second_id,
        )

    async with httpx.AsyncClient(base_url=services.notifications.url) as notifications:
        history = await notifications.get("/notifications", headers=auth["fan"])
    items = history.raise_for_status().json()["items"]
    ours = [
        item["notification_type"] for item in items if item["event"]["id"] in (event_id, second_id)
    ]
    assert ours == ["event.created", "event.deleted", "event.updated", "event.created"]
