"""Requests are bounded in size and in time before anything reads them.

Outside Litestar, so that it holds for every path (unknown ones and those that sign in
included) and before authentication, rate limits or the NUL guard: a URL or header block
above its cap is refused as problem+json (well below the server's own limits, whose answers
have no body); a declared Content-Length above the body cap is refused without reading a
byte; a body streamed without one is cut off as soon as it passes the cap; a body that
trickles in slower than the deadline is answered 408 instead of holding a worker.
"""

import asyncio
import json
from collections.abc import Callable
from http import HTTPStatus

from litestar.enums import ScopeType
from litestar.exceptions import HTTPException
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Receive,
    ReceiveMessage,
    Scope,
    Send,
)

from boxoffice.entrypoints.edge.problems import PROBLEM_JSON

MAX_URL_BYTES = 8192  # granian answers 414 with no body from 64 KiB
MAX_HEADER_BYTES = 32768  # granian answers 431 with no body from about 400 KiB
MAX_HEADERS = 64  # ... or above 100 header fields
_CLOSE = {"Connection": "close"}


class BodyTooLarge(HTTPException):
    status_code = 413


class BodyTooSlow(HTTPException):
    status_code = 408


# A route that takes larger bodies, and longer to send them: its (bytes, seconds), else None.
Wider = Callable[[Scope], tuple[int, float] | None]


def bounded_requests(
    app: ASGIApp,
    max_body_bytes: int,
    body_read_seconds: float,
    wider: Wider = lambda _: None,
) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        max_bytes, read_seconds = wider(scope) or (max_body_bytes, body_read_seconds)
        refusal = _refusal(scope, max_bytes)
        if refusal is not None:
            await _answer(scope, send, *refusal)
            return
        await app(scope, _bounded(receive, max_bytes, read_seconds), send)

    return middleware


def _refusal(scope: Scope, max_body_bytes: int) -> tuple[int, str] | None:
    url_bytes = len(scope.get("raw_path") or scope["path"].encode()) + len(scope["query_string"])
    if url_bytes > MAX_URL_BYTES:
        return 414, f"the URL must be at most {MAX_URL_BYTES} bytes"
    headers = list(scope["headers"])
    if len(headers) > MAX_HEADERS or sum(len(k) + len(v) for k, v in headers) > MAX_HEADER_BYTES:
        return 431, f"at most {MAX_HEADERS} header fields of {MAX_HEADER_BYTES} bytes in all"
    declared = dict(headers).get(b"content-length")
    if declared is not None and not declared.isdigit():
        return 400, "Content-Length must be a number"
    if declared is not None and int(declared) > max_body_bytes:
        return 413, _too_large(max_body_bytes)
    return None


def _bounded(receive: Receive, max_bytes: int, read_seconds: float) -> Receive:
    """The body's time counts from the app's first read of it: time the server spends before
    it asks (a busy event loop, a dependency resolved first) is not the client's slowness."""
    loop = asyncio.get_running_loop()
    state: dict[str, float] = {"read": 0, "complete": False, "deadline": 0.0}

    async def bounded_receive() -> ReceiveMessage:
        if state["complete"]:  # waiting for a disconnect is not reading the body
            return await receive()
        if not state["deadline"]:
            state["deadline"] = loop.time() + read_seconds
        try:
            # A deadline on this task, not a task of its own (as wait_for makes) per read.
            async with asyncio.timeout_at(state["deadline"]):
                message = await receive()
        except TimeoutError:
            detail = f"the request body did not arrive within {read_seconds:g} s"
            raise BodyTooSlow(detail=detail, headers=_CLOSE) from None
        if message["type"] == "http.request":
            state["read"] += len(message.get("body", b""))
            state["complete"] = not message.get("more_body", False)
            if state["read"] > max_bytes:
                raise BodyTooLarge(detail=_too_large(max_bytes), headers=_CLOSE)
        return message

    return bounded_receive


def _too_large(max_bytes: int) -> str:
    return f"the request body must be at most {max_bytes} bytes"


async def _answer(scope: Scope, send: Send, status: int, detail: str) -> None:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": scope["path"][:200],
    }
    payload = json.dumps(body).encode()
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(payload)).encode()),
        (b"connection", b"close"),
    ]
    start: HTTPResponseStartEvent = {
        "type": "http.response.start",
        "status": status,
        "headers": headers,
    }
    await send(start)
    end: HTTPResponseBodyEvent = {"type": "http.response.body", "body": payload, "more_body": False}
    await send(end)
