"""One log line per request, with a request id that is also echoed in X-Request-ID; its
method, path, status and duration are fields of the line as well as its message."""

import re
import secrets
import time
from collections.abc import Iterable
from typing import Any

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from loguru import logger

from boxoffice.entrypoints.edge.raw_headers import replace

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def request_logging(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        incoming = _header(scope["headers"], b"x-request-id").decode("latin-1")
        # 32 random hex digits, as a UUID's hex would be, without building the UUID.
        request_id = incoming if _SAFE_ID.match(incoming) else secrets.token_hex(16)
        echoed = request_id.encode("latin-1")
        started = time.perf_counter()
        status: dict[str, Any] = {"code": 500}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                replace(message, b"x-request-id", echoed)
            await send(message)

        with logger.contextualize(request_id=request_id):
            try:
                await app(scope, receive, send_with_id)
            finally:
                line = {
                    "method": scope.get("method"),
                    "path": scope["path"],
                    "status": status["code"],
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                }
                # loguru adds keyword arguments to the line's fields: JSON lines carry them.
                logger.info("{method} {path} {status} {duration_ms}ms", **line)

    return middleware


def _header(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> bytes:
    """The last value of `name` (lowercase, as ASGI servers give names), or nothing."""
    found = b""
    for key, value in headers:
        if key == name:
            found = value
    return found
