"""The layer before routing: a shared anonymous answer is sent again as it was, for its life
only, never to a caller with credentials, never after a write."""

from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.types import HTTPRequestEvent, Message, Receive, Scope, Send

from boxoffice.entrypoints.http.answers import SHARED_LIFE, AnswerCache, Life
from boxoffice.entrypoints.http.shared_answers import serve_shared_answers

ETAG = b'W/"abc"'


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Handler:
    """Stands for Litestar: counts what reaches it, answers 200 with an ETag, shared until
    made at `shared_since` (None: not shared)."""

    def __init__(self, shared_since: float | None = 100.0, status: int = 200) -> None:
        self.calls: list[Scope] = []
        self.shared_since = shared_since
        self.hold = 1.0
        self.status = status

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls.append(scope)
        if self.shared_since is not None:
            scope["state"][SHARED_LIFE] = Life(self.shared_since, self.hold)
        headers = [(b"etag", ETAG), (b"content-type", b"application/json")]
        headers.append((b"content-length", b"%d" % len(b'{"n":%d}' % len(self.calls))))
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        body = b'{"n":%d}' % len(self.calls)
        await send({"type": "http.response.body", "body": body, "more_body": False})


def scope_of(path: str = "/events", query: bytes = b"size=20", **headers: str) -> Scope:
    raw = [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]
    scope: dict[str, Any] = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query,
        "headers": raw,
        "state": {},
    }
    return scope  # type: ignore[return-value]


async def call(app: Any, scope: Scope) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    sent: list[Message] = []

    async def receive() -> HTTPRequestEvent:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":  # as the outer layers do
            MutableScopeHeaders.from_message(message)["X-Request-ID"] = "outer"
        sent.append(message)

    await app(scope, receive, send)
    start, body = sent
    assert start["type"] == "http.response.start"
    assert body["type"] == "http.response.body"
    return start["status"], list(start["headers"]), body["body"]


def layer(handler: Handler, clock: Clock | None = None) -> tuple[Any, AnswerCache]:
    cache = AnswerCache(1.0, clock or Clock())
    return serve_shared_answers(handler, cache), cache


async def test_a_shared_answer_is_sent_again_as_it_was_without_reaching_the_handler() -> None:
    handler = Handler()
    app, _ = layer(handler)

    first = await call(app, scope_of())
    again = await call(app, scope_of())

    assert len(handler.calls) == 1
    assert again == first
    assert first[1][-1] == (b"x-request-id", b"outer")
    assert [k for k, _ in again[1]].count(b"x-request-id") == 1  # the kept copy has none


async def test_its_etag_answers_304_without_content_headers_as_litestar_does() -> None:
    handler = Handler()
    app, _ = layer(handler)
    await call(app, scope_of())

    status, headers, body = await call(app, scope_of(if_none_match=ETAG.decode()))
    other = await call(app, scope_of(if_none_match='"other"'))

    assert (status, body) == (304, b"")
    assert headers == [(b"etag", ETAG), (b"x-request-id", b"outer")]
    assert other[0] == 200
    assert len(handler.calls) == 1


async def test_callers_with_credentials_or_a_nul_always_reach_the_handler() -> None:
    handler = Handler()
    app, _ = layer(handler)
    await call(app, scope_of())

    await call(app, scope_of(authorization="Bearer x"))
    await call(app, scope_of(authorization=""))
    await call(app, scope_of(x_note="a\x00b"))

    assert len(handler.calls) == 4


async def test_each_query_path_and_origin_is_its_own_answer() -> None:
    handler = Handler()
    app, _ = layer(handler)
    for scope in (
        scope_of(),
        scope_of(query=b"size=10"),
        scope_of(path="/events/1"),
        scope_of(origin="https://a.example"),
        scope_of(origin="https://a.example", cookie="c=1"),
    ):
        await call(app, scope)
        await call(app, scope)

    assert len(handler.calls) == 5


async def test_answers_not_shared_not_200_or_other_paths_are_not_kept() -> None:
    for handler, path in (
        (Handler(shared_since=None), "/events"),
        (Handler(status=404), "/events/1"),
        (Handler(), "/bookings"),
    ):
        app, _ = layer(handler)
        await call(app, scope_of(path=path))
        await call(app, scope_of(path=path))
        assert len(handler.calls) == 2, path


async def test_a_miss_with_if_none_match_goes_to_the_handler_and_keeps_nothing() -> None:
    handler = Handler()
    app, _ = layer(handler)

    await call(app, scope_of(if_none_match='"other"'))
    await call(app, scope_of())

    assert len(handler.calls) == 2


async def test_a_kept_answer_ends_with_its_read_and_with_a_write() -> None:
    clock, handler = Clock(), Handler(shared_since=100.0)
    app, cache = layer(handler, clock)
    await call(app, scope_of())
    clock.now = 100.99
    await call(app, scope_of())
    clock.now = 101.0
    await call(app, scope_of())  # expired: made again (and made at 100.0: not kept)
    handler.shared_since = 101.0
    await call(app, scope_of())
    await call(app, scope_of())
    cache.forget()
    await call(app, scope_of())

    assert len(handler.calls) == 4


async def test_under_a_watch_a_kept_answer_is_sent_again_for_its_own_hold() -> None:
    clock = Clock()
    handler = Handler(shared_since=100.0)
    handler.hold = 5.0
    cache = AnswerCache(1.0, clock, hold=30.0)
    app = serve_shared_answers(handler, cache)
    clock.now = 99.9
    cache.watched(99.9, written=False)  # the first look: answers made after it may be held
    clock.now = 100.0
    await call(app, scope_of())
    clock.now = 104.9
    cache.watched(104.9, written=False)
    await call(app, scope_of())
    clock.now = 105.0
    cache.watched(105.0, written=False)
    handler.shared_since = 105.0
    await call(app, scope_of())

    assert len(handler.calls) == 2


async def test_an_answer_made_while_a_write_was_answered_is_not_kept() -> None:
    cache = AnswerCache(1.0, Clock())

    async def during_a_write(scope: Scope, receive: Receive, send: Send) -> None:
        cache.forget()
        await Handler()(scope, receive, send)

    calls = []

    async def counted(scope: Scope, receive: Receive, send: Send) -> None:
        calls.append(scope)
        await (during_a_write if len(calls) == 1 else Handler())(scope, receive, send)

    app = serve_shared_answers(counted, cache)
    await call(app, scope_of())
    await call(app, scope_of())
    await call(app, scope_of())

    assert len(calls) == 2
