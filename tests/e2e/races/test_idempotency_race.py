"""A client retries one booking twenty times at once with the same Idempotency-Key."""

import uuid
from collections.abc import Callable

import pytest

from tests.e2e.races.client import RaceClient, race, statuses
from tests.e2e.races.conftest import Cluster

pytestmark = pytest.mark.slow

RETRIES = 20
QUANTITY = 2


async def test_twenty_racing_retries_with_one_idempotency_key_book_exactly_once(
    cluster: Cluster, record_figure: Callable[[str], None]
) -> None:
    key = f"retry-{uuid.uuid4()}"
    async with RaceClient(cluster.urls) as api:
        event_id = await api.create_event(cluster.admin_token, capacity=10)
        [token] = await api.sign_up_customers(1)
        responses = await race(api.book(token, event_id, QUANTITY, key) for _ in range(RETRIES))
        seats_available = await api.seats_available(event_id)

    answered = statuses(responses)
    record_figure(f"{RETRIES} retries, statuses {dict(answered)}")
    assert answered == {201: RETRIES}, cluster.logs()
    bodies = [r.json() for r in responses]
    assert len({body["id"] for body in bodies}) == 1
    assert all(body["tickets"] == bodies[0]["tickets"] for body in bodies)
    replayed = [r.headers.get("Idempotent-Replayed") == "true" for r in responses]
    assert replayed.count(False) == 1
    assert seats_available == 10 - QUANTITY
    ledger = cluster.ledger(event_id)
    assert (ledger.confirmed_bookings, ledger.seats_taken, ledger.active_tickets) == (1, 2, 2)
