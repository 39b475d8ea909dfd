"""How a socket proves who it is: `?token=` in the URL, or a first message
`{"type": "auth", "token": "...", "last_id": 41}` of at most 8 KiB within a few seconds."""

import asyncio
from typing import Any

import msgspec
from litestar import WebSocket

from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.ports.security import TokenVerifier
from boxoffice.application.services.auth import Principal
from boxoffice.entrypoints.notifications.wire import (
    MAX_CLIENT_MESSAGE_BYTES,
    MAX_NOTIFICATION_ID,
    decode_auth,
)

BAD_REQUEST = 4400
UNAUTHORISED = 4401
TOO_BIG = 1009


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
    if too_big(text):
        raise Refused(TOO_BIG, f"the auth message must be at most {MAX_CLIENT_MESSAGE_BYTES} bytes")
    try:
        auth = decode_auth(text)
    except msgspec.DecodeError as e:
        raise Refused(BAD_REQUEST, f"expected an auth message: {e}"[:120]) from None
    return auth.token, auth.last_id


def _last_id(raw: str | None) -> int | None:
    if raw is None:
        return None
    # isascii: str.isdigit also takes digits such as "²" that int() refuses.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 10 or int(raw) > MAX_NOTIFICATION_ID:
        raise Refused(
            BAD_REQUEST, f"last_id must be a whole number from 0 to {MAX_NOTIFICATION_ID}"
        )
    return int(raw)


def too_big(message: str | bytes) -> bool:
    size = len(message) if isinstance(message, bytes) else len(message.encode())
    return size > MAX_CLIENT_MESSAGE_BYTES
