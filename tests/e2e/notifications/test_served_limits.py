"""A real `boxoffice serve notifications` (granian) closes a socket whose first message is
too big with 1009, and signs in one whose message fits."""

import asyncio
import json
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.adapters.system.clock import SystemClock
from boxoffice.entrypoints.notifications.wire import MAX_CLIENT_MESSAGE_BYTES
from tests.builders import a_user
from tests.e2e.notifications.served import WAIT_S, start_notifications
from tests.e2e.races.servers import Server, server_environment

pytestmark = [pytest.mark.slow]
SECRET = secrets.token_urlsafe(48)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("served-limits")
    shutil.copy(sqlite_template, workdir / "boxoffice.db")
    env = server_environment(f"sqlite+aiosqlite:///{workdir / 'boxoffice.db'}", SECRET)
    started = start_notifications(env, workdir, "notifications-limits")
    try:
        yield started
    finally:
        started.stop()


def auth_message() -> str:
    token = JwtTokenService(SECRET, "boxoffice", SystemClock()).issue(a_user("priya")).token
    return json.dumps({"type": "auth", "token": token})


async def first_answer(server: Server, message: str) -> dict[str, str] | int:
    """The first message the server sends back, or the code it closes with."""
    url = server.url.replace("http://", "ws://") + "/ws/notifications"
    async with connect(url, max_size=None) as ws:
        await ws.send(message)
        try:
            answer: dict[str, str] = json.loads(await asyncio.wait_for(ws.recv(), WAIT_S))
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else -1
        return answer


@pytest.mark.parametrize("size", [MAX_CLIENT_MESSAGE_BYTES + 1, 1024 * 1024])
async def test_a_first_message_above_the_cap_is_closed_with_1009(server: Server, size: int) -> None:
    message = auth_message()
    message += " " * (size - len(message))

    assert await first_answer(server, message) == 1009


async def test_a_first_message_at_the_cap_signs_in(server: Server) -> None:
    message = auth_message()
    message += " " * (MAX_CLIENT_MESSAGE_BYTES - len(message))

    answer = await first_answer(server, message)

    assert isinstance(answer, dict)
    assert answer["type"] == "ready"
