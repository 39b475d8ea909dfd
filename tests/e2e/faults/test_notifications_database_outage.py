"""The notification service while its database is away: 503 problem+json on its routes, 1013
on its socket, and back to normal by itself when the database returns."""

import asyncio
import time
from collections.abc import Callable, Iterator
from typing import TypedDict

import pytest
from litestar.exceptions import WebSocketDisconnect
from litestar.testing import TestClient
from loguru import logger

from boxoffice.application.services.message_codec import encode
from boxoffice.entrypoints.notifications.app import create_notifications_app
from boxoffice.entrypoints.notifications.container import build_notifications_container
from boxoffice.entrypoints.settings import DatabaseSettings, IdentitySettings, Settings
from tests.builders import a_user
from tests.e2e.faults.private_postgres import PrivatePostgres, private_postgres
from tests.e2e.faults.test_database_outage import assert_storage_unavailable, migrate
from tests.e2e.notifications.service import JWT_SECRET, WAIT_S, Service
from tests.fake_notifications import a_change

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
__all__ = ["private_postgres"]  # the fixture
HEAL_WITHIN_S = 60.0


class Request(TypedDict):
    url: str
    headers: dict[str, str]


@pytest.fixture
def service(private_postgres: PrivatePostgres) -> Iterator[Service]:
    asyncio.run(migrate(private_postgres.url))
    settings = Settings(
        database=DatabaseSettings(url=private_postgres.url, pool_size=2),
        identity=IdentitySettings(jwt_secret=JWT_SECRET),
    )
    container = build_notifications_container(settings)
    with TestClient(create_notifications_app(settings, container), timeout=10) as client:
        yield Service(client, container)


def test_history_and_sockets_say_unavailable_while_the_database_is_away_then_heal(
    private_postgres: PrivatePostgres, service: Service
) -> None:
    user = a_user("priya")
    history = Request(url="/notifications", headers=service.headers(user))
    assert service.client.get(**history).status_code == 200

    private_postgres.stop()
    assert_storage_unavailable(service.client.get(**history))
    resuming = f"/ws/notifications?token={service.token(user)}&last_id=0"
    with (
        service.client.websocket_connect(resuming) as ws,
        pytest.raises(WebSocketDisconnect) as closed,
    ):
        ws.receive_json(timeout=WAIT_S)
    assert closed.value.code == 1013

    private_postgres.start()
    assert poll_status(service, history) == 200
    with service.socket(user, last_id=0) as socket:
        assert socket.replayed == []


def test_a_change_consumed_while_the_database_is_away_is_recorded_once_it_is_back(
    private_postgres: PrivatePostgres, service: Service
) -> None:
    history = Request(url="/notifications", headers=service.headers(a_user("priya")))
    failures: list[str] = []
    sink = logger.add(failures.append, level="WARNING", filter=lambda r: "database" in r["message"])
    try:
        private_postgres.stop()
        service.client.blocking_portal.call(service.broker.publish, encode(a_change()))
        wait_for(lambda: len(failures) >= 3, "the consumer failing to record it")
        private_postgres.start()
        wait_for(lambda: len(service.client.get(**history).json()["items"]) == 1, "it recorded")
    finally:
        logger.remove(sink)

    assert service.broker.dead_letters == []


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + HEAL_WITHIN_S
    while not condition():
        assert time.monotonic() < deadline, f"not within {HEAL_WITHIN_S} s: {what}"
        time.sleep(0.1)


def poll_status(service: Service, request: Request) -> int:
    deadline = time.monotonic() + HEAL_WITHIN_S
    while (status := service.client.get(**request).status_code) != 200:
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    return status
