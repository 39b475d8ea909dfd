"""The notification service in-process, under Litestar's test client, with helpers to play
the event service (publish changes on the broker) and its users (tokens, sockets)."""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from litestar.testing import TestClient
from litestar.testing.websocket_test_session import WebSocketTestSession
from sqlalchemy import func, select

from boxoffice.adapters.messaging.memory import InMemoryBroker
from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.adapters.sqlalchemy.notification_tables import notifications
from boxoffice.adapters.system.clock import SystemClock
from boxoffice.application.models.messages import EventChange
from boxoffice.application.ports.clock import Clock
from boxoffice.application.services.message_codec import encode
from boxoffice.domain.users import User
from boxoffice.entrypoints.notifications.container import NotificationsContainer

JWT_SECRET = "notifications-test-secret-of-at-least-32-characters"
WAIT_S = 30.0  # a deadline, not a pause: waits end when the message comes


@dataclass
class Socket:
    ws: WebSocketTestSession
    replayed: list[dict[str, Any]]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ws, name)


@dataclass
class Service:
    client: TestClient[Any]
    container: NotificationsContainer

    @property
    def broker(self) -> InMemoryBroker:
        broker = self.container.messaging.broker()
        assert isinstance(broker, InMemoryBroker), "the service runs on the in-memory broker"
        return broker

    def publish(self, *changes: EventChange) -> None:
        """Publishes as the event service's relay would, in the app's own event loop, and
        returns once the service has recorded them all."""
        for change in changes:
            self.client.blocking_portal.call(self.broker.publish, encode(change))
        self.client.blocking_portal.call(self._recorded, {c.id for c in changes})

    async def _recorded(self, message_ids: set[UUID]) -> None:
        engine = self.container.infrastructure.engine()
        query = select(func.count()).where(notifications.c.message_id.in_(message_ids))
        async with asyncio.timeout(WAIT_S):
            while True:
                async with engine.connect() as conn:
                    if await conn.scalar(query) == len(message_ids):
                        return
                await asyncio.sleep(0.01)

    def token(self, user: User, ttl_seconds: int = 1800, clock: Clock | None = None) -> str:
        tokens = JwtTokenService(JWT_SECRET, "boxoffice", clock or SystemClock(), ttl_seconds)
        return tokens.issue(user).token

    def headers(self, user: User) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(user)}"}

    @contextmanager
    def socket(self, user: User, last_id: int | None = None) -> Iterator[Socket]:
        """A signed-in socket, past the replay of what it missed and its `ready` message."""
        query = f"?token={self.token(user)}"
        if last_id is not None:
            query += f"&last_id={last_id}"
        with self.client.websocket_connect("/ws/notifications" + query) as ws:
            replayed = []
            while (message := ws.receive_json(timeout=WAIT_S))["type"] == "notification":
                replayed.append(message)
            assert message["type"] == "ready", message
            assert message["user_id"] == str(user.id)
            assert message["replayed"] == len(replayed)
            yield Socket(ws, replayed)


def next_notification(ws: WebSocketTestSession | Socket) -> dict[str, Any]:
    """The next notification on the socket (answering pings on the way)."""
    while True:
        message: dict[str, Any] = ws.receive_json(timeout=WAIT_S)
        if message["type"] == "ping":
            ws.send_json({"type": "pong"})
            continue
        assert message["type"] == "notification", message
        return message


def ids_of(messages: list[dict[str, Any]]) -> list[int]:
    return [int(m["id"]) for m in messages]


def event_ids_of(messages: list[dict[str, Any]]) -> list[UUID]:
    return [UUID(m["event"]["id"]) for m in messages]
