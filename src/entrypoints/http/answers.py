"""Read answers as bytes: a weak ETag on each (304 when the client has it), and a short-lived
cache of anonymous answers in this process.

Cached answers live at most `ttl` seconds, and every write this process answers empties the
cache (see `ForgetOnWrite`), so a change shows at once here and within `ttl` in the other
processes and after writes from the worker. Answers for a signed-in caller are never cached
here: they carry that caller's `saved` flags. A cached answer, once sent, may be sent again
before routing (shared_answers.py) until the same moment, and no longer.
"""

import asyncio
import hashlib
import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field, replace
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.status_codes import HTTP_304_NOT_MODIFIED
from litestar.types import ASGIApp, Message, Receive, Scope, Send

_ENCODER = msgspec.json.Encoder()
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_ENTRIES = 4096  # bounds memory: a flood of distinct queries empties the cache, no more
PUBLIC = "no-cache"  # any cache may keep it, but asks again (a 304 is cheap) before using it
PRIVATE = "private, no-cache"


# The key under which a handler tells the layer before routing that its answer may be sent
# again to any anonymous caller of the same URL, and until when (scope["state"]).
SHARED_UNTIL = "boxoffice.shared_until"


@dataclass(frozen=True, slots=True)
class Answer:
    body: bytes
    etag: str
    # Set on answers the cache keeps: the moment (of the cache's clock) it stops using them.
    fresh_until: float | None = field(default=None, compare=False)
    # What was encoded, for a signed-in caller's answer made from the shared one.
    value: Any = field(default=None, compare=False, repr=False)


def answer_of(value: Any) -> Answer:
    body = _ENCODER.encode(value)
    return Answer(body, f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"', value=value)


class AnswerCache:
    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._entries: dict[Hashable, Answer] = {}
        self._making: dict[Hashable, asyncio.Future[Answer]] = {}
        self._generation = 0  # counts forget()s

    @property
    def generation(self) -> int:
        """How many times the cache was emptied: an answer kept at another count may predate a
        write."""
        return self._generation

    def still_fresh(self, fresh_until: float, generation: int) -> bool:
        """Whether an answer kept until `fresh_until` at `generation` may still be used."""
        return generation == self._generation and fresh_until > self._clock()

    async def get_or_make(self, key: Hashable, make: Callable[[], Awaitable[Any]]) -> Answer:
        """The cached answer for `key`, or `await make()` encoded (and kept for `ttl`).

        Requests that miss together wait for the first one's answer rather than each reading
        the database: when an answer expires under load, one read replaces it, not one per
        waiting connection.
        """
        now = self._clock()
        found = self._entries.get(key)
        if found is not None and found.fresh_until is not None and found.fresh_until > now:
            return found
        if self._ttl <= 0:
            return answer_of(await make())
        if (making := self._making.get(key)) is not None:
            try:
                return await asyncio.shield(making)
            except asyncio.CancelledError:
                if not making.cancelled():  # this request itself was cancelled
                    raise
            return answer_of(await make())  # the first one's client went away
        return await self._make(key, make, now)

    async def _make(self, key: Hashable, make: Callable[[], Awaitable[Any]], now: float) -> Answer:
        making = self._making[key] = asyncio.get_running_loop().create_future()
        generation = self._generation
        try:
            answer = replace(answer_of(await make()), fresh_until=now + self._ttl)
        except Exception as e:  # the waiters get the same error (404, 503)
            making.set_exception(e)
            making.exception()  # retrieved, so no warning when nobody waited
            raise
        except BaseException:
            making.cancel()
            raise
        finally:
            if self._making.get(key) is making:
                del self._making[key]
        making.set_result(answer)
        if generation == self._generation:  # else a write came meanwhile: may predate it
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[key] = answer
        return answer

    def forget(self) -> None:
        self._entries.clear()
        self._making.clear()  # answers being made now may predate the write: not shared
        self._generation += 1


def respond(
    request: Request[Any, Any, Any], answer: Answer, *, private: bool, headers: dict[str, str]
) -> Response[Any]:
    """200 with the body, or 304 when the client's If-None-Match names this answer."""
    # Vary on both: a signed-in caller's answer differs (its flags), so a cache must never hand
    # the anonymous one to a request that carries a token, nor the other way round.
    headers = headers | {
        "ETag": answer.etag,
        "Cache-Control": PRIVATE if private else PUBLIC,
        "Vary": "Authorization",
    }
    if not private and answer.fresh_until is not None:
        request.scope["state"][SHARED_UNTIL] = answer.fresh_until
    if names(request.headers.get("if-none-match", ""), answer.etag):
        return Response(b"", status_code=HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(answer.body, media_type="application/json", headers=headers)


def names(if_none_match: str, etag: str) -> bool:
    # Weak comparison (RFC 9110 13.1.2): W/"x" and "x" name the same answer.
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


class ForgetOnWrite:
    """ASGI middleware: when this process answers a write, the cached reads are forgotten
    before the answer leaves, so the writer's next read sees what it wrote."""

    def __init__(self, app: ASGIApp, cache: AnswerCache) -> None:
        self._app = app
        self._cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("method", "GET") in _SAFE:  # websockets have no method
            await self._app(scope, receive, send)
            return

        async def forget_then_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                self._cache.forget()
            await send(message)

        await self._app(scope, receive, forget_then_send)
