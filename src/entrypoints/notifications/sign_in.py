"""How a socket proves who it is: `?token=` in the URL, or a first message
`{"type": "auth", "token": "...", "last_id": 41}` within a few seconds."""

import asyncio
from typing import Any

import msgspec
from litestar import WebSocket

from application.auth import Principal
from application.errors import NotAuthenticated
from application.ports.security import TokenVerifier
from entrypoints.notifications.wire import decode_auth

BAD_REQUEST = 4400
UNAUTHORISED = 4401


class Refused(Exception):
    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


async def sign_in(
    socket: WebSocket[Any, Any, Any], tokens: TokenVerifier, wait_seconds: float
) -> tuple[Principal, int | None]:
    """The verified caller and the last notification id they saw (if they said)."""
    token = socket.query_params.get("token")
    last_id = _last_id(socket.query_params.get("last_id"))
    if not token:
        token, said = await _first_message(socket, wait_seconds)
        last_id = said if said is not None else last_id
    try:
        return await tokens.verify(token), last_id
    except NotAuthenticated as e:
        raise Refused(UNAUTHORISED, "invalid or expired token") from e


async def _first_message(
    socket: WebSocket[Any, Any, Any], wait_seconds: float
) -> tuple[str, int | None]:
    try:
        text = await asyncio.wait_for(socket.receive_data(mode="text"), wait_seconds)
    except TimeoutError:
        raise Refused(UNAUTHORISED, "no token: send ?token= or an auth message") from None
    try:
        auth = decode_auth(text)
    except msgspec.DecodeError as e:
        raise Refused(BAD_REQUEST, f"expected an auth message: {e}"[:120]) from None
    if auth.last_id is not None and auth.last_id < 0:
        raise Refused(BAD_REQUEST, "last_id must be 0 or more")
    return auth.token, auth.last_id


def _last_id(raw: str | None) -> int | None:
    if raw is None:
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise Refused(BAD_REQUEST, "last_id must be a whole number, 0 or more")
    return int(raw)
