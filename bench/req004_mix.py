"""The requests of bench/req004.py: signed-in sessions mixing list, detail, book, cancel, save
and subscribe, and the admin creating and updating events. Every request is timed from when
it was due (see openloop.py)."""

import random
import ssl
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
from openloop import NO_ANSWER, Route

# route -> (weight in the mix, statuses that are a right answer)
MIX: dict[str, tuple[int, frozenset[int]]] = {
    "GET /events": (30, frozenset({200})),
    "GET /events/{id}": (25, frozenset({200})),
    "POST /bookings": (20, frozenset({201, 409})),  # 409: a small event sold out
    "POST /bookings/{id}/cancel": (10, frozenset({200})),
    "POST /events/{id}/save": (8, frozenset({200, 201})),
    "POST /events/{id}/subscribe": (7, frozenset({200, 201})),
}
CREATE, UPDATE = "POST /events (admin)", "PATCH /events/{id} (admin)"
ADMIN_ROUTES = {CREATE: frozenset({201}), UPDATE: frozenset({200})}
TIMEOUT = 10.0  # seconds; a request not answered by then counts as no answer


@dataclass
class Traffic:
    """Everything the run sends, and what came back."""

    event_ids: list[str]
    watched_ids: list[str]  # every socket's user follows these: their updates reach them all
    small_ids: list[str] = field(default_factory=list)  # half the bookings go to these
    measure_from: float = float("inf")  # perf_counter time; requests due earlier: warm-up
    routes: dict[str, Route] = field(default_factory=dict)
    bookings: list[tuple[int, str]] = field(default_factory=list)  # (session, id) to cancel
    answered: dict[tuple[str, str, str], float] = field(default_factory=dict)  # for sockets
    unanswered_creations: int = 0  # over the whole run, warm-up included
    rng: random.Random = field(default_factory=lambda: random.Random(4))

    def __post_init__(self) -> None:
        expected = {name: statuses for name, (_, statuses) in MIX.items()} | ADMIN_ROUTES
        self.routes = {name: Route(statuses) for name, statuses in expected.items()}

    def record(self, route: str, due: float, status: int) -> None:
        if due >= self.measure_from:
            self.routes[route].record(status, time.perf_counter() - due)


async def answer_or_none(request: Awaitable[httpx.Response]) -> httpx.Response | None:
    try:
        return await request
    except httpx.HTTPError:
        return None


def status_of(answer: httpx.Response | None) -> int:
    return NO_ANSWER if answer is None else answer.status_code


class Sessions:
    """One signed-in user per token, each with its own keep-alive connections."""

    def __init__(self, url: str, tokens: list[str], traffic: Traffic) -> None:
        self._url, self._tokens, self._traffic = url, tokens, traffic
        self._clients: list[httpx.AsyncClient] = []
        order = list(range(len(tokens)))
        traffic.rng.shuffle(order)
        self._order = order  # request k goes to session order[k % n]: every session takes part
        names = list(MIX)
        self._pick: Callable[[], str] = lambda: traffic.rng.choices(
            names, weights=[MIX[n][0] for n in names]
        )[0]

    async def open(self, stack: AsyncExitStack) -> None:
        limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
        tls = ssl.create_default_context()  # one for all: making one per client takes 10-30 ms
        for token in self._tokens:
            client = httpx.AsyncClient(
                base_url=self._url,
                limits=limits,
                timeout=TIMEOUT,
                headers={"Authorization": f"Bearer {token}"},
                verify=tls,
            )
            self._clients.append(await stack.enter_async_context(client))

    async def fire(self, k: int, due: float) -> None:
        t, rng = self._traffic, self._traffic.rng
        session = self._order[k % len(self._order)]
        route, client, event_id = self._pick(), self._clients[session], rng.choice(t.event_ids)
        if route == "POST /bookings/{id}/cancel" and t.bookings:
            session, booking = t.bookings.pop(rng.randrange(len(t.bookings)))
            request = self._clients[session].post(f"/bookings/{booking}/cancel")
        elif route.startswith("POST /bookings"):
            route = "POST /bookings"  # nothing booked yet to cancel
            if t.small_ids and rng.random() < 0.5:
                event_id = rng.choice(t.small_ids)  # they sell out: 409s, and seats at the limit
            body = {"event_id": event_id, "quantity": rng.randint(1, 2)}
            request = client.post("/bookings", json=body)
        elif route == "GET /events":
            request = client.get("/events", params={"size": 20, "page": rng.randint(1, 5)})
        elif route == "GET /events/{id}":
            request = client.get(f"/events/{event_id}")
        else:
            request = client.post(route.split(" ", 1)[1].replace("{id}", event_id))
        answer = await answer_or_none(request)
        t.record(route, due, status_of(answer))
        if answer is not None and route == "POST /bookings" and answer.status_code == 201:
            t.bookings.append((session, str(answer.json()["id"])))


class Admin:
    """Creates events and updates the watched ones, as the admin."""

    def __init__(self, client: httpx.AsyncClient, traffic: Traffic) -> None:
        self._client, self._traffic = client, traffic

    async def create(self, k: int, due: float) -> None:
        start = datetime.now(UTC) + timedelta(days=30 + k % 300)
        title = f"Load show {k}"
        body = {
            "title": title,
            "location": "Main hall",
            "city": "Pune",
            "start_time": start.isoformat(),
            "end_time": (start + timedelta(hours=3)).isoformat(),
            "capacity": 500,
            "price": "499.00",
            "tags": ["music"],
        }
        answer = await answer_or_none(self._client.post("/events", json=body))
        answered_at = time.perf_counter()
        self._traffic.record(CREATE, due, status_of(answer))
        if answer is None:
            self._traffic.unanswered_creations += 1
        elif answer.status_code == 201:
            self._traffic.answered[(str(answer.json()["id"]), "created", title)] = answered_at

    async def update(self, k: int, due: float) -> None:
        event_id = self._traffic.watched_ids[k % len(self._traffic.watched_ids)]
        title = f"Watched show, change {k}"
        change = self._client.patch(f"/events/{event_id}", json={"title": title})
        answer = await answer_or_none(change)
        answered_at = time.perf_counter()
        self._traffic.record(UPDATE, due, status_of(answer))
        if answer is not None and answer.status_code == 200:
            self._traffic.answered[(event_id, "updated", title)] = answered_at
