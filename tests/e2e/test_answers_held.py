"""With a watch on the database, an anonymous answer outlives the cache's `ttl` while nothing
is written, and a write from elsewhere still shows within `ttl`."""

import asyncio
import time
from datetime import UTC, datetime, timedelta
from uuid import UUID

from boxoffice.entrypoints.settings import Settings
from tests.builders import an_event
from tests.e2e.api import Api, Caller
from tests.e2e.test_queries import engines_of, statements_on


def reads(statements: list[str]) -> list[str]:
    return [s for s in statements if "pg_current_snapshot" not in s]  # the watch's own look


async def titles(api: Api) -> list[str]:
    response = await api.client.get("/events")
    assert response.status_code == 200, response.text
    return [e["title"] for e in response.json()["items"]]


async def test_an_answer_is_held_past_its_ttl_until_a_write_is_seen(
    api: Api, settings: Settings, database_url: str
) -> None:
    ttl = settings.http.read_cache_seconds
    assert await titles(api) == []
    await asyncio.sleep(ttl + 0.3)  # one made before the watch's first look lives its ttl
    assert await titles(api) == []
    unread = []
    for _ in range(3):  # a look late on a loaded machine ends a hold: one clean window proves it
        with statements_on(*engines_of(api)) as seen:
            await asyncio.sleep(ttl + 0.3)
            held = await titles(api)
        unread.append(reads(seen) == [])
        if unread[-1]:
            break
    if database_url.startswith("sqlite"):  # the file is this test's own: nothing else writes
        assert unread[-1], unread

    async with api.app.state.container.infrastructure.uow() as uow:  # as another process would
        await uow.events.add(an_event(datetime.now(UTC), title="New", starts_in=timedelta(days=1)))
        await uow.commit()
    written = time.monotonic()
    while (shown := await titles(api)) == []:
        assert time.monotonic() - written < ttl + 0.25
        await asyncio.sleep(0.02)

    assert (held, shown) == ([], ["New"])


async def test_a_signed_in_callers_saved_flags_follow_a_save_from_elsewhere(
    api: Api, admin: Caller, customer: Caller, settings: Settings
) -> None:
    event = await api.event(admin, title="Saved elsewhere")

    async def flags() -> list[bool]:
        response = await api.client.get("/events", headers=customer.headers)
        assert response.status_code == 200, response.text
        return [e["saved"] for e in response.json()["items"]]

    before = [await flags() for _ in range(2)]  # the second from what was kept
    async with api.app.state.container.infrastructure.uow() as uow:  # as another process would
        await uow.saved_events.add(UUID(customer.id), UUID(event["id"]), datetime.now(UTC))
        await uow.commit()
    written = time.monotonic()
    while (after := await flags()) == [False]:
        assert time.monotonic() - written < settings.http.read_cache_seconds + 0.25
        await asyncio.sleep(0.02)

    assert (before, after) == ([[False], [False]], [True])
    other = await api.client.get("/events", headers={})
    assert ["saved" in e for e in other.json()["items"]] == [False]  # the shared page: anonymous
