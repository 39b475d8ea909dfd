"""Read answers as bytes: a weak ETag on each (304 when the client has it), and a cache of
anonymous answers in this process.

A cached answer is used for at most `ttl` seconds after it was made. While a watch on the
database (`watch_for_writes`) looks for writes at least once per `ttl`, an answer made after
the last write the watch saw is used for longer: its own hold, drawn when it is made between
half of `hold` and `hold`, so that answers made together (the pages of many events, read in
the same second after a write) are not all made again in the same second. Either way a
change from elsewhere shows within `ttl`, and with no write anywhere an answer lives at most
`hold`. Every write this process answers empties the cache (see `ForgetOnWrite`), so the
writer's next read sees its write. Answers for a signed-in caller are never cached here:
they carry that caller's `saved` flags. A cached answer, once sent, may be sent again before
routing (shared_answers.py) for as long as the cache would use it.
"""

import asyncio
import hashlib
import math
import random
import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field, replace
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.status_codes import HTTP_304_NOT_MODIFIED
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from loguru import logger

from boxoffice.application.errors import StorageUnavailable
from boxoffice.application.ports.health import StoreChanges

_ENCODER = msgspec.json.Encoder()
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_ENTRIES = 4096  # bounds memory: a flood of distinct queries empties the cache, no more
PUBLIC = "no-cache"  # any cache may keep it, but asks again (a 304 is cheap) before using it
PRIVATE = "private, no-cache"


# The key under which a handler tells the layer before routing that its answer may be sent
# again to any anonymous caller of the same URL, and the Life of the answer (scope["state"]).
SHARED_LIFE = "boxoffice.shared_life"
# How much of the hold a kept answer may draw off its own: 0.5 spreads from hold/2 to hold.
HOLD_SPREAD = 0.5


@dataclass(frozen=True, slots=True)
class Life:
    """When a kept answer was made (of the cache's clock), and for how long it may be used
    while the watch sees no write."""

    made_at: float
    hold: float


@dataclass(frozen=True, slots=True)
class Answer:
    body: bytes
    etag: str
    # Set on answers the cache keeps.
    life: Life | None = field(default=None, compare=False)
    # What was encoded, for a signed-in caller's answer made from the shared one.
    value: Any = field(default=None, compare=False, repr=False)


def answer_of(value: Any) -> Answer:
    body = _ENCODER.encode(value)
    return Answer(body, f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"', value=value)


class AnswerCache:
    def __init__(
        self,
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
        hold: float = 0.0,
        draw: Callable[[], float] = random.random,
    ) -> None:
        """`draw` gives a number in [0, 1) for each answer made: the share of the spread its
        hold loses."""
        self._ttl = ttl
        self._hold = max(hold, ttl)
        self._clock = clock
        self._draw = draw
        self._entries: dict[Hashable, Answer] = {}
        self._making: dict[Hashable, asyncio.Future[Answer]] = {}
        self._generation = 0  # counts forget()s
        # The watch: answers made since the last write it saw may be held while it looks.
        self._watched_until = -math.inf
        self._written_before = math.inf

    @property
    def ttl(self) -> float:
        return self._ttl

    @property
    def holds(self) -> bool:
        """Whether answers may outlive `ttl` under a watch."""
        return self._ttl > 0 and self._hold > self._ttl

    @property
    def generation(self) -> int:
        """How many times the cache was emptied: an answer kept at another count may predate a
        write."""
        return self._generation

    def now(self) -> float:
        return self._clock()

    def watched(self, since: float, *, written: bool) -> None:
        """A look that started at `since` (of this cache's clock), and ends now, found
        whether a write ended since the look before. Answers made before now live `ttl` at
        most if it did (one made while it looked may have read before the write); the others
        may live `hold` until `since + ttl`, and no longer unless another look comes (a
        database away, an event loop behind: the answers are back to `ttl`)."""
        if written or self._written_before == math.inf:  # the first look knows no earlier one
            self._written_before = self._clock()
        self._watched_until = max(self._watched_until, since + self._ttl)

    def life(self) -> Life:
        """The life of an answer made now."""
        hold = self._hold * (1.0 - HOLD_SPREAD * self._draw())
        return Life(self._clock(), max(self._ttl, hold))

    def still_fresh(self, life: Life, generation: int) -> bool:
        """Whether an answer of this `life`, made at `generation`, may still be used."""
        if generation != self._generation:
            return False
        now = self._clock()
        age = now - life.made_at
        if age < self._ttl:
            return True
        return age < life.hold and life.made_at > self._written_before and now < self._watched_until

    async def get_or_make(self, key: Hashable, make: Callable[[], Awaitable[Any]]) -> Answer:
        """The cached answer for `key`, or `await make()` encoded (and kept).

        Requests that miss together wait for the first one's answer rather than each reading
        the database: when an answer expires under load, one read replaces it, not one per
        waiting connection.
        """
        return await self._get_or_make(key, make, answer_of)

    async def get_or_compute(self, key: Hashable, make: Callable[[], Awaitable[Any]]) -> Any:
        """The cached value for `key`, or `await make()` (kept, not encoded), with the same
        lives as the answers: for what a cached answer is assembled from."""
        return (await self._get_or_make(key, make, _unencoded)).value

    async def _get_or_make(
        self,
        key: Hashable,
        make: Callable[[], Awaitable[Any]],
        encode: Callable[[Any], Answer],
    ) -> Answer:
        found = self._entries.get(key)
        if found and found.life is not None and self.still_fresh(found.life, self._generation):
            return found
        if self._ttl <= 0:
            return encode(await make())
        if (making := self._making.get(key)) is not None:
            try:
                return await asyncio.shield(making)
            except asyncio.CancelledError:
                if not making.cancelled():  # this request itself was cancelled
                    raise
            return encode(await make())  # the first one's client went away
        return await self._make(key, make, encode)

    async def _make(
        self,
        key: Hashable,
        make: Callable[[], Awaitable[Any]],
        encode: Callable[[Any], Answer],
    ) -> Answer:
        making = self._making[key] = asyncio.get_running_loop().create_future()
        generation = self._generation
        life = self.life()
        try:
            answer = replace(encode(await make()), life=life)
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


def _unencoded(value: Any) -> Answer:
    return Answer(b"", "", value=value)


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
    if not private and answer.life is not None:
        request.scope["state"][SHARED_LIFE] = answer.life
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


async def watch_for_writes(changes: StoreChanges, cache: AnswerCache) -> None:
    """Looks for writes anywhere twice per `ttl`, so that kept answers made since the last one
    may live up to `hold`; runs until cancelled. A look that fails or takes longer than half
    a `ttl` holds nothing: until the next one succeeds, answers live `ttl`."""
    every = cache.ttl / 2
    away = False
    try:
        while True:
            since = cache.now()
            try:
                async with asyncio.timeout(every):
                    written = await changes.changed()
            except (StorageUnavailable, TimeoutError) as e:
                if not away:
                    why = "it took too long" if isinstance(e, TimeoutError) else "it is unavailable"
                    logger.warning(
                        "answers kept for {} s at most: no look at the database ({})",
                        cache.ttl,
                        why,
                    )
                away = True
            except Exception:
                if not away:
                    logger.opt(exception=True).error("the watch for writes failed")
                away = True
            else:
                cache.watched(since, written=written or away)
                if away:
                    logger.info("the database is watched for writes again")
                away = False
            await asyncio.sleep(max(0.0, since + every - cache.now()))
    finally:
        await changes.close()
