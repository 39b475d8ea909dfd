"""Request bodies are bounded in size and time before anything reads them, authentication
included; URLs and header blocks are bounded below the server's own (bodiless) limits."""

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from boxoffice.entrypoints.edge.request_limits import MAX_HEADER_BYTES, MAX_HEADERS, MAX_URL_BYTES
from boxoffice.entrypoints.settings import Settings
from tests.e2e.api import Api, Caller, assert_problem, event_body
from tests.e2e.routes import json_routes

CAP = 4096
READ_SECONDS = 0.5
JSON = {"content-type": "application/json"}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(
        settings,
        http=replace(settings.http, max_body_bytes=CAP, body_read_timeout_seconds=READ_SECONDS),
    )


class Trickle:
    """A request body sent in chunks, counting how many the server asked for."""

    def __init__(self, chunks: int, size: int = 1024, stall_after: int | None = None) -> None:
        self.chunks, self.size, self.stall_after, self.sent = chunks, size, stall_after, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for n in range(self.chunks):
            if n == self.stall_after:
                await asyncio.sleep(3600)  # a client that stops sending; cancelled by the server
            self.sent += 1
            yield b" " * self.size


async def test_a_declared_body_above_the_cap_is_413_on_every_json_route_before_sign_in(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin)
    headers = JSON | {"content-length": str(CAP + 1)}
    for route in json_routes(api.app):
        response = await api.client.request(
            route.method, route.url(event["id"]), content=b" " * (CAP + 1), headers=headers
        )
        assert_problem(response, 413)


async def test_a_body_above_the_cap_on_an_unknown_path_is_413_not_404(api: Api) -> None:
    response = await api.client.post("/nowhere", content=b"x" * (CAP + 1), headers=JSON)

    assert_problem(response, 413)


async def test_a_streamed_body_is_cut_off_as_soon_as_it_passes_the_cap(
    api: Api, customer: Caller
) -> None:
    body = Trickle(chunks=64)

    response = await api.client.post("/bookings", content=body, headers=customer.headers | JSON)

    assert_problem(response, 413)
    assert body.sent < 64
    assert body.sent * body.size > CAP


async def test_a_body_that_stops_arriving_is_408_and_changes_nothing(
    api: Api, admin: Caller
) -> None:
    body = Trickle(chunks=3, stall_after=1)

    async with asyncio.timeout(60):  # fails, rather than hangs, without a deadline
        response = await api.client.post("/events", content=body, headers=admin.headers | JSON)

    assert_problem(response, 408)
    assert (await api.client.get("/events")).json()["total"] == 0


async def test_a_body_of_exactly_the_cap_is_read(api: Api, admin: Caller) -> None:
    body = json.dumps(event_body()).encode()
    padded = body[:-1] + b" " * (CAP - len(body)) + b"}"

    response = await api.client.post("/events", content=padded, headers=admin.headers | JSON)

    assert len(padded) == CAP
    assert response.status_code == 201, response.text


async def test_a_content_length_that_is_not_a_number_is_400(api: Api) -> None:
    response = await api.client.post(
        "/auth/login", content=b"{}", headers=JSON | {"content-length": "2, 2"}
    )

    assert_problem(response, 400)


async def test_a_url_above_its_cap_is_414_as_a_problem(api: Api) -> None:
    response = await api.client.get("/events", params={"q": "a" * MAX_URL_BYTES})

    assert_problem(response, 414)


@pytest.mark.parametrize(
    "headers",
    [
        {"x-big": "a" * (MAX_HEADER_BYTES + 1)},
        {f"x-{n}": "1" for n in range(MAX_HEADERS + 1)},
    ],
    ids=["too many bytes", "too many fields"],
)
async def test_a_header_block_above_its_cap_is_431_as_a_problem(
    api: Api, headers: dict[str, str]
) -> None:
    response = await api.client.get("/events", headers=headers)

    assert_problem(response, 431)
