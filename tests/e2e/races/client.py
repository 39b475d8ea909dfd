"""An HTTP client that spreads requests round-robin over every server of a cluster."""

import asyncio
import itertools
import uuid
from collections import Counter
from collections.abc import Awaitable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

T = TypeVar("T")
RACE_TIMEOUT_S = 45.0
PASSWORD = "Race#Pass1"


class RaceClient:
    # httpx's pool slows down sharply with hundreds of connections in one client (a request
    # then takes milliseconds of client CPU), so the connections are split over many clients.
    LANES_PER_SERVER = 16

    def __init__(self, urls: Sequence[str]) -> None:
        limits = httpx.Limits(max_connections=32, max_keepalive_connections=32)
        timeout = httpx.Timeout(30.0, pool=30.0)
        # Ordered so that consecutive requests alternate between the servers.
        self._clients = [
            httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout)
            for _ in range(self.LANES_PER_SERVER)
            for url in urls
        ]
        self._turn = itertools.count()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await asyncio.gather(*(client.aclose() for client in self._clients))

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        client = self._clients[next(self._turn) % len(self._clients)]
        return await client.request(method, path, **kwargs)

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return await self.request("GET", path, **kwargs)

    async def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return await self.request("POST", path, **kwargs)

    async def token(self, login: str, password: str) -> str:
        response = await self.post("/auth/login", json={"login": login, "password": password})
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])

    async def sign_up_customers(self, count: int) -> list[str]:
        """Bearer tokens of `count` new customers, signed up through the API."""
        prefix = f"racer_{uuid.uuid4().hex[:8]}_"

        async def sign_up(i: int) -> str:
            body = {
                "username": f"{prefix}{i}",
                "email": f"{prefix}{i}@races.example.org",
                "password": PASSWORD,
            }
            response = await self.post("/auth/register", json=body)
            assert response.status_code == 201, response.text
            return await self.token(f"{prefix}{i}", PASSWORD)

        return await race(sign_up(i) for i in range(count))

    async def create_event(self, admin_token: str, capacity: int) -> str:
        start = datetime.now(UTC) + timedelta(days=30)
        body = {
            "title": "Race night",
            "location": "Main hall",
            "start_time": start.isoformat(),
            "end_time": (start + timedelta(hours=3)).isoformat(),
            "capacity": capacity,
            "price": "499.00",
        }
        response = await self.post("/events", json=body, headers=bearer(admin_token))
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    async def book(
        self, token: str, event_id: str, quantity: int = 1, key: str | None = None
    ) -> httpx.Response:
        headers = bearer(token) | ({"Idempotency-Key": key} if key else {})
        body = {"event_id": event_id, "quantity": quantity}
        return await self.post("/bookings", json=body, headers=headers)

    async def cancel(self, token: str, booking_id: str) -> httpx.Response:
        return await self.post(f"/bookings/{booking_id}/cancel", headers=bearer(token))

    async def register(self, event_id: str, name: str, email: str) -> httpx.Response:
        body = {"name": name, "email": email}
        return await self.post(f"/events/{event_id}/register", json=body)

    async def seats_available(self, event_id: str) -> int:
        response = await self.get(f"/events/{event_id}")
        assert response.status_code == 200, response.text
        return int(response.json()["seats_available"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def race(contenders: Iterable[Awaitable[T]], seconds: float = RACE_TIMEOUT_S) -> list[T]:
    """Run every contender at once; the whole race is bounded in time."""
    async with asyncio.timeout(seconds):
        return list(await asyncio.gather(*contenders))


def statuses(responses: Iterable[httpx.Response]) -> Counter[int]:
    return Counter(response.status_code for response in responses)


def problem_types(responses: Iterable[httpx.Response]) -> Counter[str]:
    return Counter(r.json().get("type", "") for r in responses if r.status_code >= 400)
