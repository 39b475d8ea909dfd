"""One e-mail address, written in fifty different cases, races to register for one event."""

import random
from collections.abc import Callable

import pytest

from tests.e2e.races.client import RaceClient, problem_types, race, statuses
from tests.e2e.races.conftest import Cluster

pytestmark = pytest.mark.slow

ADDRESS = "Race.Attendee@Example.org"
CONTENDERS = 50


def differently_cased(address: str, count: int, seed: int = 2) -> list[str]:
    rng = random.Random(seed)
    variants = {address}
    while len(variants) < count:
        variants.add("".join(c.upper() if rng.random() < 0.5 else c.lower() for c in address))
    return sorted(variants)


async def test_fifty_racing_registrations_of_one_email_in_any_case_admit_exactly_one(
    cluster: Cluster, record_figure: Callable[[str], None]
) -> None:
    emails = differently_cased(ADDRESS, CONTENDERS)
    async with RaceClient(cluster.urls) as api:
        event_id = await api.create_event(cluster.admin_token, capacity=10)
        responses = await race(api.register(event_id, "Race Attendee", e) for e in emails)
        seats_available = await api.seats_available(event_id)

    answered = statuses(responses)
    record_figure(f"{CONTENDERS} registrations, statuses {dict(answered)}")
    assert answered == {201: 1, 409: CONTENDERS - 1}, cluster.logs()
    assert problem_types(responses) == {"/problems/already-registered": CONTENDERS - 1}
    assert seats_available == 9
    ledger = cluster.ledger(event_id)
    assert (ledger.seats_taken, ledger.registrations, ledger.active_tickets) == (1, 1, 0)
