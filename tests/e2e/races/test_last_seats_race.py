"""200 customers race for the last 50 seats of one event, through real server processes."""

import time
from collections.abc import Callable

import pytest

from tests.e2e.races.client import RaceClient, problem_types, race, statuses
from tests.e2e.races.conftest import Cluster

SEATS = 50
CONTENDERS = 200
CUSTOMERS = 20

pytestmark = pytest.mark.slow


async def test_two_hundred_racing_bookings_sell_exactly_the_last_fifty_seats(
    cluster: Cluster, record_figure: Callable[[str], None]
) -> None:
    async with RaceClient(cluster.urls) as api:
        event_id = await api.create_event(cluster.admin_token, capacity=SEATS)
        tokens = await api.sign_up_customers(CUSTOMERS)
        # Several bookings per customer, none with an idempotency key: each one is a new sale.
        bookings = (api.book(tokens[i % CUSTOMERS], event_id) for i in range(CONTENDERS))
        started = time.perf_counter()
        responses = await race(bookings)
        elapsed = time.perf_counter() - started
        seats_available = await api.seats_available(event_id)

    answered = statuses(responses)
    record_figure(f"{CONTENDERS} bookings in {elapsed:.2f} s, statuses {dict(answered)}")
    assert answered == {201: SEATS, 409: CONTENDERS - SEATS}, cluster.logs()
    assert problem_types(responses) == {"/problems/not-enough-seats": CONTENDERS - SEATS}
    assert seats_available == 0


async def test_the_database_holds_one_active_ticket_per_seat_sold_in_the_race(
    cluster: Cluster,
) -> None:
    async with RaceClient(cluster.urls) as api:
        event_id = await api.create_event(cluster.admin_token, capacity=SEATS)
        tokens = await api.sign_up_customers(CUSTOMERS)
        responses = await race(api.book(tokens[i % CUSTOMERS], event_id) for i in range(CONTENDERS))

    sold = [r.json() for r in responses if r.status_code == 201]
    codes = {ticket["code"] for booking in sold for ticket in booking["tickets"]}
    assert len({booking["id"] for booking in sold}) == len(codes) == SEATS
    ledger = cluster.ledger(event_id)
    assert ledger.seats_taken == ledger.active_tickets == ledger.confirmed_bookings == SEATS
    assert ledger.registrations == 0
