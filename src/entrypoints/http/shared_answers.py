"""Anonymous event answers sent again before Litestar's routing.

An anonymous `GET /events?...` or `GET /events/{id}` whose handler said its answer is shared
(answers.SHARED_LIFE) is kept as Litestar sent it, status, headers and body; the next
anonymous request for the same path and query (and the same Origin, which CORS answers to)
gets those bytes again without routing, dependency resolution or the handler. The layers
outside this one still run for it: security headers, the request id and log line, the
request bounds.

An answer is sent again for as long as the cached read it came from would be used (so a
change from elsewhere shows within the same bound) and not after this process answered a
write or its watch saw one (`AnswerCache.generation`). A request that carries any
Authorization header, a NUL in a header (which the guards refuse) or an If-None-Match on a
miss goes to Litestar as before.
"""

from collections.abc import Callable
from dataclasses import dataclass

from litestar.enums import ScopeType
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Message,
    Receive,
    Scope,
    Send,
)

from boxoffice.entrypoints.edge.raw_headers import RawHeaders
from boxoffice.entrypoints.http.answers import (
    MAX_ENTRIES,
    SHARED_LIFE,
    AnswerCache,
    Life,
    names,
)
from boxoffice.entrypoints.settings import Settings

Key = tuple[str, bytes, tuple[bytes, ...], bool]
_NOT_IN_304 = frozenset({b"content-type", b"content-length"})  # as Litestar leaves them out
PREFIX = "/events"


@dataclass(frozen=True, slots=True)
class Kept:
    life: Life
    generation: int
    headers: RawHeaders
    body: bytes
    etag: str

    @property
    def not_modified_headers(self) -> RawHeaders:
        return [(k, v) for k, v in self.headers if k not in _NOT_IN_304]


@dataclass(frozen=True, slots=True)
class Asked:
    key: Key
    if_none_match: str


def asked(scope: Scope) -> Asked | None:
    """What an anonymous GET under /events asks, or None when it must go to Litestar."""
    if scope["type"] != ScopeType.HTTP or scope["method"] != "GET":
        return None
    path = scope["path"]
    if not path.startswith(PREFIX):
        return None
    origins: list[bytes] = []
    cookie, if_none_match = False, b""
    for name, value in scope["headers"]:
        if name == b"authorization" or b"\x00" in value:
            return None
        if name == b"origin":
            origins.append(value)
        elif name == b"cookie":
            cookie = True
        elif name == b"if-none-match":
            if_none_match = value
    key = (path, scope["query_string"], tuple(origins), cookie)
    return Asked(key, if_none_match.decode("latin-1"))


def shared_answers(answers: AnswerCache, settings: Settings) -> Callable[[ASGIApp], ASGIApp]:
    """The event service's layer just outside its router: shared answers sent again, except
    where a rate limit counts every request (each answer carries that caller's count)."""
    if settings.rate_limits.api:
        return lambda handler: handler
    return lambda handler: serve_shared_answers(handler, answers)


def serve_shared_answers(app: ASGIApp, answers: AnswerCache) -> ASGIApp:
    kept: dict[Key, Kept] = {}

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        request = asked(scope)
        if request is None:
            await app(scope, receive, send)
            return
        found = kept.get(request.key)
        if found is not None and answers.still_fresh(found.life, found.generation):
            await _send_again(found, request.if_none_match, send)
            return
        if request.if_none_match:  # Litestar may answer 304: nothing to keep
            await app(scope, receive, send)
            return
        made = await _pass_and_keep(app, scope, receive, send, answers.generation)
        if made is not None and answers.still_fresh(made.life, made.generation):
            if len(kept) >= MAX_ENTRIES:
                kept.clear()
            kept[request.key] = made

    return middleware


async def _pass_and_keep(
    app: ASGIApp, scope: Scope, receive: Receive, send: Send, generation: int
) -> Kept | None:
    """Litestar's answer, sent on as it comes; a copy of it if its handler shared it."""
    start: list[HTTPResponseStartEvent] = []
    bodies: list[HTTPResponseBodyEvent] = []

    async def keep_then_send(message: Message) -> None:
        if message["type"] == "http.response.start":
            # A copy now: the outer layers add their headers to this list as it passes them.
            start.append({**message, "headers": list(message.get("headers", []))})
        elif message["type"] == "http.response.body":
            bodies.append(message)
        await send(message)

    await app(scope, receive, keep_then_send)
    life = scope.get("state", {}).get(SHARED_LIFE)
    if life is None or len(start) != 1 or start[0]["status"] != 200 or len(bodies) != 1:
        return None
    if bodies[0].get("more_body", False):
        return None
    headers = list(start[0]["headers"])
    etag = next((v.decode("latin-1") for k, v in headers if k == b"etag"), None)
    if etag is None:
        return None
    return Kept(life, generation, headers, bytes(bodies[0].get("body", b"")), etag)


async def _send_again(found: Kept, if_none_match: str, send: Send) -> None:
    # Fresh header lists each time: the outer layers append to the one they are given.
    if if_none_match and names(if_none_match, found.etag):
        status, headers, body = 304, found.not_modified_headers, b""
    else:
        status, headers, body = 200, list(found.headers), found.body
    start: HTTPResponseStartEvent = {
        "type": "http.response.start",
        "status": status,
        "headers": headers,
    }
    await send(start)
    end: HTTPResponseBodyEvent = {"type": "http.response.body", "body": body, "more_body": False}
    await send(end)
