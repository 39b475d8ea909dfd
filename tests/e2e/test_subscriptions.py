"""Subscriptions over HTTP, and the messages event changes leave for the notification service."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from boxoffice.adapters.messaging.memory import InMemoryBroker
from boxoffice.adapters.ticketmaster.decoding import map_events
from boxoffice.application.models.messages import EventChange
from boxoffice.application.ports.message_broker import BrokerMessage
from boxoffice.application.services.message_codec import decode
from tests.e2e.api import Api, Caller, ShiftableClock, assert_problem
from tests.ticketmaster_fixtures import DMA_PAGES, raw_events


async def subscribe(api: Api, caller: Caller, ref: str, status: int = 201) -> dict[str, Any]:
    response = await api.client.post(f"/events/{ref}/subscribe", headers=caller.headers)
    assert response.status_code == status, response.text
    return dict(response.json())


async def mine(api: Api, caller: Caller, **params: str) -> dict[str, Any]:
    response = await api.client.get("/my/subscriptions", params=params, headers=caller.headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_subscribing_answers_201_then_200_with_the_first_time(
    api: Api, admin: Caller, customer: Caller, clock: ShiftableClock
) -> None:
    event = await api.event(admin)

    first = await subscribe(api, customer, event["id"], 201)
    clock.advance(timedelta(minutes=5))
    second = await subscribe(api, customer, event["id"], 200)

    assert first == second
    assert (first["event"]["id"], first["event"]["title"]) == (event["id"], "Indie Night")
    assert first["subscribed_at"].endswith("+05:30")  # shown in the default zone


async def test_subscriptions_need_a_valid_token(api: Api, admin: Caller) -> None:
    event = await api.event(admin)
    url = f"/events/{event['id']}/subscribe"

    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        assert_problem(await api.client.post(url, headers=headers), 401)
        assert_problem(await api.client.delete(url, headers=headers), 401)
        assert_problem(await api.client.get("/my/subscriptions", headers=headers), 401)


async def test_unknown_and_malformed_ids_are_4xx_problems(api: Api, customer: Caller) -> None:
    for ref in ("5f3c1e9a-0000-4000-8000-000000000000", "vvG1zZ9KbkY3jK", "a%20b", "x" * 100):
        response = await api.client.post(f"/events/{ref}/subscribe", headers=customer.headers)
        assert_problem(response, 404)
    too_long = await api.client.post(f"/events/{'x' * 101}/subscribe", headers=customer.headers)
    assert 400 <= too_long.status_code < 500
    assert too_long.headers["content-type"].startswith("application/problem+json")
    bad_page = await api.client.get(
        "/my/subscriptions", params={"page": "0"}, headers=customer.headers
    )
    assert_problem(bad_page, 400)


async def test_unsubscribing_is_204_also_when_not_subscribed(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    event = await api.event(admin)
    await subscribe(api, customer, event["id"])
    await subscribe(api, other_customer, event["id"])

    for ref in (event["id"], event["id"], "vvG1zZ9KbkY3jK"):
        response = await api.client.delete(f"/events/{ref}/subscribe", headers=customer.headers)
        assert response.status_code == 204, response.text

    assert (await mine(api, customer))["total"] == 0
    assert (await mine(api, other_customer))["total"] == 1


async def test_my_subscriptions_are_newest_first_paged_and_mine_only(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller, clock: ShiftableClock
) -> None:
    gig, talk, play = [await api.event(admin, title=t) for t in ("Gig", "Talk", "Play")]
    for event in (gig, talk, play):
        await subscribe(api, customer, event["id"])
        clock.advance(timedelta(minutes=1))
    await subscribe(api, other_customer, talk["id"])

    everything = await mine(api, customer, tz="UTC")
    second_page = await mine(api, customer, page="2", size="2")
    theirs = await mine(api, other_customer)

    assert [s["event"]["title"] for s in everything["items"]] == ["Play", "Talk", "Gig"]
    times = [datetime.fromisoformat(s["subscribed_at"]) for s in everything["items"]]
    assert times == sorted(times, reverse=True)
    assert all(t.utcoffset() == timedelta(0) for t in times)
    assert (second_page["total"], [s["event"]["title"] for s in second_page["items"]]) == (
        3,
        ["Gig"],
    )
    assert [s["event"]["id"] for s in theirs["items"]] == [talk["id"]]


async def test_an_imported_event_is_subscribed_by_our_id_or_its_ticketmaster_id(
    api: Api, customer: Caller
) -> None:
    imported = map_events(raw_events(DMA_PAGES[0]), datetime.now(UTC)).events[0]
    assert imported.listing is not None
    async with api.app.state.container.infrastructure.uow() as uow:
        await uow.events.upsert_imported(imported, datetime.now(UTC))
        await uow.commit()

    by_ours = await subscribe(api, customer, str(imported.id), 201)
    by_theirs = await subscribe(api, customer, imported.listing.external_id, 200)

    assert by_ours["event"]["id"] == by_theirs["event"]["id"] == str(imported.id)
    assert by_ours["event"]["source"] == "ticketmaster"


async def test_event_changes_reach_the_broker_with_their_recipients_within_a_second(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    broker: InMemoryBroker = api.app.state.container.messaging.broker()
    received: asyncio.Queue[EventChange] = asyncio.Queue()

    async def handle(message: BrokerMessage) -> None:
        received.put_nowait(decode(message))

    consumer = asyncio.create_task(broker.consume("test", ["event.#"], handle))
    await asyncio.sleep(0)
    try:
        event = await api.event(admin, title="Gig")
        await subscribe(api, customer, event["id"])
        patched = await api.client.patch(
            f"/events/{event['id']}", json={"title": "Gig, moved"}, headers=admin.headers
        )
        assert patched.status_code == 200, patched.text
        deleted = await api.client.delete(f"/events/{event['id']}", headers=admin.headers)
        assert deleted.status_code == 204, deleted.text
        async with asyncio.timeout(1):
            changes = [await received.get() for _ in range(3)]
    finally:
        consumer.cancel()

    assert [(c.routing_key, c.title, c.actor) for c in changes] == [
        ("event.created", "Gig", "admin"),
        ("event.updated", "Gig, moved", "admin"),
        ("event.deleted", "Gig, moved", "admin"),
    ]
    assert changes[0].recipients is None
    assert set(changes[2].recipients or ()) == {UUID(customer.id), UUID(admin.id)}
    assert not changes[2].reaches(UUID(other_customer.id))
