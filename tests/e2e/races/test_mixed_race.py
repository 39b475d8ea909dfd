"""Bookings, cancellations and registrations race on one event while a watcher reads it."""

import asyncio
import random
from collections import defaultdict
from collections.abc import Awaitable, Callable

import httpx
import pytest

from tests.e2e.races.client import RaceClient, race, statuses
from tests.e2e.races.conftest import Cluster
from tests.e2e.races.ledger import Ledger

pytestmark = pytest.mark.slow

CAPACITY = 40
CUSTOMERS = 8
EARLY_BOOKINGS = 10  # of 2 seats each, made before the race and cancelled (twice) during it
NEW_BOOKINGS = 60  # of 1 to 3 seats
BOOK_THEN_CANCEL = 20
REGISTRATIONS = 40


async def watch(read: Callable[[], Ledger], done: asyncio.Event) -> list[Ledger]:
    """Snapshots of the database, read with SQL while the race runs."""
    seen = []
    while not done.is_set():
        seen.append(await asyncio.to_thread(read))
    return seen


async def book_then_cancel(api: RaceClient, token: str, event_id: str) -> list[httpx.Response]:
    booked = await api.book(token, event_id)
    if booked.status_code != 201:
        return [booked]
    return [booked, await api.cancel(token, booked.json()["id"])]


async def one(response: Awaitable[httpx.Response]) -> list[httpx.Response]:
    return [await response]


async def test_racing_bookings_cancellations_and_registrations_keep_every_seat_accounted_for(
    cluster: Cluster, record_figure: Callable[[str], None]
) -> None:
    rng = random.Random(3)
    async with RaceClient(cluster.urls) as api:
        event_id = await api.create_event(cluster.admin_token, capacity=CAPACITY)
        tokens = await api.sign_up_customers(CUSTOMERS)
        early = [await api.book(tokens[i % CUSTOMERS], event_id, 2) for i in range(EARLY_BOOKINGS)]
        assert statuses(early) == {201: EARLY_BOOKINGS}
        owned = [(tokens[i % CUSTOMERS], r.json()["id"]) for i, r in enumerate(early)]

        contenders: list[tuple[str, Awaitable[list[httpx.Response]]]] = []
        for token, booking_id in owned * 2:
            contenders.append(("cancel", one(api.cancel(token, booking_id))))
        for _ in range(NEW_BOOKINGS):
            booking = api.book(rng.choice(tokens), event_id, rng.randint(1, 3))
            contenders.append(("book", one(booking)))
        for _ in range(BOOK_THEN_CANCEL):
            contenders.append(
                ("book then cancel", book_then_cancel(api, rng.choice(tokens), event_id))
            )
        for i in range(REGISTRATIONS):
            registration = api.register(event_id, f"Guest {i}", f"guest{i}@races.example.org")
            contenders.append(("register", one(registration)))
        rng.shuffle(contenders)  # so that every kind of request is in flight at once
        done = asyncio.Event()
        watcher = asyncio.create_task(watch(lambda: cluster.ledger(event_id), done))
        try:
            results = await race(contender for _, contender in contenders)
        finally:
            done.set()
        snapshots = await watcher
        seats_available = await api.seats_available(event_id)

    answers: dict[str, list[httpx.Response]] = defaultdict(list)
    for (kind, _), responses in zip(contenders, results, strict=True):
        answers[kind].extend(responses)
    everything = [r for responses in answers.values() for r in responses]
    record_figure(
        f"{len(everything)} requests, statuses {dict(statuses(everything))}, "
        f"{len(snapshots)} snapshots read during the race"
    )
    assert not [r for r in everything if r.status_code >= 500], cluster.logs()
    assert statuses(answers["cancel"]) == {200: 2 * EARLY_BOOKINGS}
    assert set(statuses(everything)) <= {200, 201, 409}
    assert statuses(answers["book"])[409] > 0, "the race never reached capacity"
    for seen in snapshots:
        assert seen.seats_taken <= CAPACITY
        assert seen.seats_taken == seen.seats_accounted_for, seen

    ledger = cluster.ledger(event_id)
    assert ledger.seats_taken <= CAPACITY
    assert ledger.seats_taken == ledger.seats_accounted_for
    assert ledger.seats_taken == ledger.seats_in_confirmed_bookings + ledger.registrations
    assert ledger.registrations == statuses(answers["register"])[201]
    kept = [r for r in answers["book"] if r.status_code == 201]
    assert ledger.confirmed_bookings == len(kept)
    assert ledger.seats_in_confirmed_bookings == sum(r.json()["quantity"] for r in kept)
    assert seats_available == CAPACITY - ledger.seats_taken
