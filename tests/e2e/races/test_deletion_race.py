"""An organiser deletes an event while attendees register and customers book for it."""

import asyncio
from collections import Counter
from collections.abc import Callable

import httpx
import pytest

from tests.e2e.races.client import RaceClient, bearer, race
from tests.e2e.races.conftest import Cluster

pytestmark = pytest.mark.slow

ROUNDS = 8
DELAYS = (0.0, 0.002, 0.0, 0.01)  # seconds: the deletion lands at a different point each round
CONTENDERS = 30


async def test_deleting_an_event_while_people_sign_up_for_it_never_answers_a_server_error(
    cluster: Cluster, record_figure: Callable[[str], None]
) -> None:
    answered: Counter[int] = Counter()
    deletions: Counter[int] = Counter()
    async with RaceClient(cluster.urls) as api:
        [token] = await api.sign_up_customers(1)
        for round_ in range(ROUNDS):
            event_id = await api.create_event(cluster.admin_token, capacity=100)

            async def delete(delay: float, event_id: str = event_id) -> httpx.Response:
                if delay:  # otherwise the deletion leaves first, ahead of everyone
                    await asyncio.sleep(delay)
                headers = bearer(cluster.admin_token)
                return await api.request("DELETE", f"/events/{event_id}", headers=headers)

            contenders = [
                api.register(event_id, "Guest", f"guest{i}@races.example.org")
                if i % 2
                else api.book(token, event_id)
                for i in range(CONTENDERS)
            ]
            deleted, *responses = await race([delete(DELAYS[round_ % len(DELAYS)]), *contenders])
            deletions[deleted.status_code] += 1
            answered.update(r.status_code for r in responses)

    record_figure(f"deletions {dict(deletions)}, racing requests {dict(answered)}")
    # 204 deleted, 200 cancelled, or 409 when a sign-up slipped in first: "cancel it instead".
    assert set(deletions) <= {200, 204, 409}, cluster.logs()
    assert set(answered) <= {201, 404, 409}, cluster.logs()
