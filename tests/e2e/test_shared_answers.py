"""Anonymous event answers sent again before routing are the answers Litestar gives, byte for
byte (status, headers in order, body), and a change from elsewhere still shows within the
cache's life."""

import dataclasses
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import httpx

from boxoffice.entrypoints.container import build_container
from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.settings import Settings
from tests.builders import an_event
from tests.e2e.api import Api, Caller, running
from tests.e2e.transport import asgi_transport

FRONT_END = "https://app.boxoffice.test"
SAME_ID = {"X-Request-ID": "compare-1"}


@asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, build_container(settings))
    async with running(app):
        transport = asgi_transport(app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


def exactly(response: httpx.Response) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    return response.status_code, list(response.headers.raw), response.content


async def test_a_shared_answer_is_byte_for_byte_the_one_litestar_gives(
    api: Api, admin: Caller, settings: Settings
) -> None:
    event = await api.event(admin, title="Sitar at dawn")
    with_cors = dataclasses.replace(
        settings, http=dataclasses.replace(settings.http, cors_origins=FRONT_END)
    )
    uncached = dataclasses.replace(
        with_cors, http=dataclasses.replace(with_cors.http, read_cache_seconds=0)
    )
    requests = [
        ("/events", {}),
        ("/events?size=5&tz=UTC", {}),
        ("/events", {"Origin": FRONT_END}),
        ("/events", {"Origin": "https://elsewhere.example"}),
        (f"/events/{event['id']}", {}),
        (f"/events/{event['id']}", {"Origin": FRONT_END}),
    ]
    async with served(with_cors) as cached, served(uncached) as direct:
        for url, headers in requests:
            first = await cached.get(url, headers=headers | SAME_ID)
            again = await cached.get(url, headers=headers | SAME_ID)  # sent before routing
            etag = {"If-None-Match": again.headers["ETag"]}
            not_modified = await cached.get(url, headers=headers | SAME_ID | etag)
            truth = await direct.get(url, headers=headers | SAME_ID)
            truth_304 = await direct.get(url, headers=headers | SAME_ID | etag)

            assert exactly(first) == exactly(again) == exactly(truth), url
            assert exactly(not_modified) == exactly(truth_304), url
            assert not_modified.status_code == 304


async def test_a_change_from_elsewhere_shows_within_the_caches_life(
    api: Api, settings: Settings
) -> None:
    for _ in range(3):  # kept, then sent again before routing
        assert (await api.client.get("/events")).json()["items"] == []
    async with (
        api.app.state.container.infrastructure.uow() as uow
    ):  # as the worker or another process would
        await uow.events.add(an_event(datetime.now(UTC), starts_in=timedelta(days=1)))
        await uow.commit()
    written = time.monotonic()

    while not (await api.client.get("/events")).json()["items"]:
        assert time.monotonic() - written < settings.http.read_cache_seconds + 0.25
