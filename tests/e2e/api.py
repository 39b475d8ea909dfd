"""A thin client for the HTTP API, so tests read as what a caller does, not as plumbing."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

import httpx
from litestar import Litestar

from boxoffice.application.use_cases.create_user import CreateUserCommand
from boxoffice.application.use_cases.register_user import NewUser
from boxoffice.domain.users import Role

PASSWORD = "Secret#123"
JWT_SECRET = "e2e-tests-secret-that-is-long-enough-0123456789"
PROBLEM_JSON = "application/problem+json"


class ShiftableClock:
    """The real time, plus however far a test has moved it forward."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


@dataclass(frozen=True)
class Caller:
    id: str
    username: str
    email: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def event_body(**overrides: Any) -> dict[str, Any]:
    """A valid new event, far enough in the future to stay bookable for years."""
    return {
        "title": "Indie Night",
        "description": "Three bands, one stage",
        "location": "Blue Frog",
        "city": "Mumbai",
        "start_time": "2030-06-15T19:30:00",
        "end_time": "2030-06-15T22:30:00",
        "capacity": 10,
        "price": "499.00",
        "tags": ["music"],
    } | overrides


def assert_problem(response: httpx.Response, status: int, *fields: str) -> dict[str, Any]:
    """An RFC 9457 problem with `status`, naming each of `fields` in its per-field errors."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert "type" in body
    named = {error["field"] for error in body.get("errors", [])}
    assert set(fields) <= named, body
    return body


class Api:
    def __init__(self, client: httpx.AsyncClient, app: Litestar) -> None:
        self.client = client
        self.app = app
        self._serial = count(1)

    async def user(self, role: Role = Role.CUSTOMER, username: str | None = None) -> Caller:
        """A user made at the console (as `boxoffice users create-admin` does), signed in."""
        name = username or f"{role.value}_{next(self._serial)}"
        email = f"{name}@example.com"
        create = self.app.state.container.use_cases.create_user()
        user = await create.execute(
            CreateUserCommand(None, NewUser(name, email, PASSWORD, role=role))
        )
        return Caller(str(user.id), name, email, await self.login(name))

    async def login(self, login: str, password: str = PASSWORD) -> str:
        response = await self.client.post(
            "/auth/login", json={"login": login, "password": password}
        )
        assert response.status_code == 200, response.text
        token: str = response.json()["access_token"]
        return token

    async def event(self, caller: Caller, **overrides: Any) -> dict[str, Any]:
        response = await self.client.post(
            "/events", json=event_body(**overrides), headers=caller.headers
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def get_event(self, event_id: str, **params: str) -> dict[str, Any]:
        response = await self.client.get(f"/events/{event_id}", params=params)
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def seats_available(self, event_id: str) -> int:
        return int((await self.get_event(event_id))["seats_available"])

    async def book(
        self, caller: Caller, event_id: str, quantity: int = 1, key: str | None = None
    ) -> dict[str, Any]:
        response = await self.book_raw(caller, event_id, quantity, key)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def book_raw(
        self, caller: Caller, event_id: str, quantity: int = 1, key: str | None = None
    ) -> httpx.Response:
        headers = caller.headers | ({"Idempotency-Key": key} if key else {})
        body = {"event_id": event_id, "quantity": quantity}
        return await self.client.post("/bookings", json=body, headers=headers)

    async def register(self, event_id: str, name: str, email: str) -> dict[str, Any]:
        response = await self.client.post(
            f"/events/{event_id}/register", json={"name": name, "email": email}
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def stats(self, caller: Caller, event_id: str) -> dict[str, Any]:
        response = await self.client.get(f"/events/{event_id}/stats", headers=caller.headers)
        assert response.status_code == 200, response.text
        return dict(response.json())


@asynccontextmanager
async def running(app: Litestar) -> AsyncIterator[None]:
    """The app's lifespan, entered and left in one task of its own, as a server would: a
    fixture's setup and teardown run in different tasks, which anyio's task groups refuse."""
    started, stopping = asyncio.Event(), asyncio.Event()

    async def lifespan() -> None:
        async with app.lifespan():
            started.set()
            await stopping.wait()

    task = asyncio.create_task(lifespan())
    waiter = asyncio.create_task(started.wait())
    await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    waiter.cancel()
    if task.done():
        await task  # startup failed: raise its error here
    try:
        yield
    finally:
        stopping.set()
        await task
