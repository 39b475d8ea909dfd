"""Real `boxoffice serve notifications` processes, and a WebSocket client for them."""

import asyncio
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection

from tests.e2e.races.servers import Server, start_server

WAIT_S = 30.0  # a deadline, not a pause: waits end when the message comes


def start_notifications(env: Mapping[str, str], workdir: Path, name: str) -> Server:
    """A notification process answering GET /health; retried on a new port if taken."""
    return start_server(env, workdir, name, service="notifications")


def socket_url(server: Server, token: str, last_id: int | None = None) -> str:
    url = server.url.replace("http://", "ws://") + f"/ws/notifications?token={token}"
    return url if last_id is None else f"{url}&last_id={last_id}"


async def receive(ws: ClientConnection) -> dict[str, Any]:
    """The next message other than a ping (which is answered)."""
    while True:
        message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), WAIT_S))
        if message["type"] != "ping":
            return message
        await ws.send('{"type": "pong"}')
