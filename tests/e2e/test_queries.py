"""No N+1: a list endpoint issues as many SQL statements for a page of 50 as for a page of 1."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.domain.users import Role
from tests.e2e.api import Api, Caller

ROWS = 51  # one more than the largest page asked for
# What the outbox relay sends when it polls and when it stamps what it published
_RELAY_POLL = re.compile(r"\s*(SELECT outbox\.message_id\b|UPDATE outbox SET sent_at\b)")


@contextmanager
def statements_on(*engines: AsyncEngine) -> Iterator[list[str]]:
    """The statements the engines send meanwhile, but for the outbox relay's polls: a
    background task's, which may fall in any window."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not _RELAY_POLL.match(statement):
            seen.append(statement)

    for engine in engines:
        event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        for engine in engines:
            event.remove(engine.sync_engine, "before_cursor_execute", record)


def engines_of(api: Api) -> tuple[AsyncEngine, AsyncEngine]:
    """The pool for transactions and the one for single reads."""
    container = api.app.state.container
    return container.infrastructure.engine(), container.infrastructure.read_engine()


async def seed(api: Api, admin: Caller, customer: Caller) -> str:
    """ROWS of everything: tagged events, two-ticket bookings, registrations and users."""
    busy = await api.event(admin, title="Busy", capacity=1000, tags=["a", "b"])
    for day in range(1, ROWS):
        await api.event(
            admin,
            title=f"Gig {day}",
            tags=["music", f"day{day}"],
            start_time=f"2031-01-{day % 28 + 1:02d}T18:00:00",
            end_time=f"2031-01-{day % 28 + 1:02d}T20:00:00",
        )
    for n in range(ROWS):
        await api.book(customer, busy["id"], 2)
        await api.register(busy["id"], f"Guest {n}", f"guest{n}@example.com")
    for n in range(ROWS):
        await api.user(Role.CUSTOMER, f"fan_{n}")
    return str(busy["id"])


async def test_lists_issue_the_same_statements_for_a_page_of_one_or_fifty(
    api: Api, admin: Caller, customer: Caller
) -> None:
    busy = await seed(api, admin, customer)
    engines = engines_of(api)
    lists = {
        "/events": admin,
        "/my/bookings": customer,
        f"/users/{customer.id}/bookings": admin,
        f"/events/{busy}/bookings": admin,
        f"/events/{busy}/attendees": admin,
        "/users": admin,
    }

    counts = {}
    for url, caller in lists.items():
        for size in (1, 50):
            with statements_on(*engines) as seen:
                response = await api.client.get(url, params={"size": size}, headers=caller.headers)
            assert response.status_code == 200, response.text
            assert len(response.json()["items"]) == size, url
            assert response.json()["total"] >= ROWS, url
            assert seen, url
            counts[url, size] = len(seen)

    for url in lists:
        assert counts[url, 1] == counts[url, 50], (url, counts)
        assert counts[url, 50] <= 6, (url, counts)


async def test_a_booking_page_carries_every_ticket(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event_ = await api.event(admin, capacity=100)
    booked = [await api.book(customer, event_["id"], quantity) for quantity in (1, 3, 2)]

    page = (await api.client.get("/my/bookings", headers=customer.headers)).json()

    by_id = {b["id"]: b for b in page["items"]}
    for booking in booked:
        assert by_id[booking["id"]]["tickets"] == booking["tickets"]
