"""The per-process cache of anonymous read answers: kept for its life, no longer, bounded; held
past its life while a watch on the database finds no write, made again once a write is seen
or once the looks stop, so a change from elsewhere still shows within `ttl`."""

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from loguru import logger

from boxoffice.application.errors import StorageUnavailable
from boxoffice.entrypoints.http import answers
from boxoffice.entrypoints.http.answers import AnswerCache, answer_of, watch_for_writes


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def making(calls: list[str], body: object) -> Callable[[], Awaitable[object]]:
    async def make() -> object:
        calls.append("made")
        return body

    return make


async def test_an_answer_is_kept_for_its_life_and_made_again_after() -> None:
    clock = Clock()
    calls: list[str] = []
    cache = AnswerCache(1.0, clock)

    first = await cache.get_or_make("k", making(calls, {"n": 1}))
    clock.now += 0.99
    second = await cache.get_or_make("k", making(calls, {"n": 2}))
    clock.now += 0.02
    third = await cache.get_or_make("k", making(calls, {"n": 3}))

    assert (first, second) == (answer_of({"n": 1}), answer_of({"n": 1}))
    assert third == answer_of({"n": 3})
    assert len(calls) == 2


async def test_a_life_of_zero_caches_nothing_and_forget_empties() -> None:
    calls: list[str] = []
    off = AnswerCache(0.0, Clock())
    await off.get_or_make("k", making(calls, 1))
    await off.get_or_make("k", making(calls, 1))
    on = AnswerCache(1.0, Clock())
    await on.get_or_make("k", making(calls, 1))
    on.forget()
    await on.get_or_make("k", making(calls, 1))

    assert len(calls) == 4


async def test_a_flood_of_distinct_queries_cannot_grow_the_cache_past_its_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(answers, "MAX_ENTRIES", 3)
    cache = AnswerCache(1.0, Clock())
    for n in range(10):
        await cache.get_or_make(n, making([], n))

    assert len(cache._entries) <= 3


def test_an_etag_is_weak_and_names_the_body() -> None:
    assert answer_of([1]).etag == answer_of([1]).etag != answer_of([2]).etag
    assert answer_of([1]).etag.startswith('W/"')


async def test_requests_that_miss_together_share_one_read() -> None:
    cache, calls, gate = AnswerCache(1.0, Clock()), [], asyncio.Event()

    async def slow() -> object:
        calls.append("made")
        await gate.wait()
        return {"n": 1}

    waiting = [asyncio.create_task(cache.get_or_make("k", slow)) for _ in range(5)]
    await asyncio.sleep(0)
    gate.set()

    assert await asyncio.gather(*waiting) == [answer_of({"n": 1})] * 5
    assert calls == ["made"]


async def test_an_error_reaches_every_waiter_and_is_not_kept() -> None:
    cache, gate = AnswerCache(1.0, Clock()), asyncio.Event()

    async def failing() -> object:
        await gate.wait()
        raise LookupError("gone")

    waiting = [asyncio.create_task(cache.get_or_make("k", failing)) for _ in range(3)]
    await asyncio.sleep(0)
    gate.set()
    outcomes = await asyncio.gather(*waiting, return_exceptions=True)

    assert all(isinstance(o, LookupError) for o in outcomes)
    assert await cache.get_or_make("k", making([], 2)) == answer_of(2)


async def test_an_answer_made_across_a_write_is_not_kept() -> None:
    cache, calls, gate = AnswerCache(1.0, Clock()), [], asyncio.Event()

    async def slow() -> object:
        calls.append("made")
        await gate.wait()
        return "before the write"

    reading = asyncio.create_task(cache.get_or_make("k", slow))
    await asyncio.sleep(0)
    cache.forget()  # a write answered while the read was under way
    gate.set()
    await reading

    assert await cache.get_or_make("k", making(calls, "after")) == answer_of("after")


def held_cache(clock: Clock) -> AnswerCache:
    """Each answer drawn the longest hold, 30 s."""
    return AnswerCache(1.0, clock, hold=30.0, draw=lambda: 0.0)


async def test_an_answer_is_held_while_looks_find_no_write_and_made_again_after_one() -> None:
    clock, calls = Clock(), list[str]()
    cache = held_cache(clock)
    cache.watched(100.0, written=False)  # the first look: answers made after it may be held
    clock.now = 100.1
    await cache.get_or_make("k", making(calls, 1))
    for _ in range(20):  # a look every half second finds nothing
        clock.now += 0.5
        cache.watched(clock.now, written=False)
        assert await cache.get_or_make("k", making(calls, 2)) == answer_of(1)
    clock.now += 0.5
    cache.watched(clock.now, written=True)

    assert await cache.get_or_make("k", making(calls, 3)) == answer_of(3)
    assert len(calls) == 2


async def test_an_answer_lives_no_longer_than_its_hold() -> None:
    clock, calls = Clock(), list[str]()
    cache = held_cache(clock)
    cache.watched(100.0, written=False)
    clock.now = 100.1
    await cache.get_or_make("k", making(calls, 1))
    clock.now = 130.0
    cache.watched(clock.now, written=False)
    assert await cache.get_or_make("k", making(calls, 2)) == answer_of(1)
    clock.now = 130.2
    cache.watched(clock.now, written=False)

    assert await cache.get_or_make("k", making(calls, 3)) == answer_of(3)


async def test_answers_made_together_are_held_for_spread_lives_from_half_the_hold() -> None:
    """Many pages read in the same second (after a write, at start) would otherwise all be
    read again in the same second, one hold later."""
    clock = Clock()
    cache = AnswerCache(1.0, clock, hold=30.0)  # each answer's share of the spread at random
    keys = range(200)
    cache.watched(100.0, written=False)
    clock.now = 100.1
    for key in keys:
        await cache.get_or_make(key, making([], "first"))

    async def made_again_by(now: float) -> int:
        clock.now = now
        cache.watched(now, written=False)
        calls: list[str] = []
        for key in keys:
            await cache.get_or_make(key, making(calls, "again"))
        return len(calls)

    by_half, by_three_quarters, by_the_end = [
        await made_again_by(now) for now in (115.0, 122.6, 130.1)
    ]
    assert by_half == 0
    assert 0 < by_three_quarters < len(keys)
    assert by_three_quarters + by_the_end == len(keys)


@settings(max_examples=200)
@given(
    ttl=st.floats(0.01, 1.0),
    hold=st.floats(0.0, 3600.0),
    draw=st.floats(0.0, 1.0, exclude_max=True),
)
def test_a_life_is_held_between_half_the_hold_and_the_hold_never_under_the_ttl(
    ttl: float, hold: float, draw: float
) -> None:
    life = AnswerCache(ttl, Clock(), hold=hold, draw=lambda: draw).life()

    assert life.hold >= ttl
    assert life.hold >= hold * (1 - answers.HOLD_SPREAD)
    assert life.hold <= max(hold, ttl)


async def test_when_the_looks_stop_answers_live_their_ttl_again() -> None:
    clock, calls = Clock(), list[str]()
    cache = held_cache(clock)
    cache.watched(100.0, written=False)
    clock.now = 100.1
    await cache.get_or_make("k", making(calls, 1))
    clock.now = 100.99  # within a ttl of the last look: still held, as a ttl would anyway
    assert await cache.get_or_make("k", making(calls, 2)) == answer_of(1)
    clock.now = 101.2  # older than its ttl, and no look since 100.0

    assert await cache.get_or_make("k", making(calls, 3)) == answer_of(3)


async def test_an_answer_made_while_a_look_saw_a_write_is_not_held() -> None:
    """The look's snapshot may come after the answer's read: that read may predate the write."""
    clock, calls = Clock(), list[str]()
    cache = held_cache(clock)
    cache.watched(100.0, written=False)
    clock.now = 100.5  # a look starts
    await cache.get_or_make("k", making(calls, 1))  # an answer is made meanwhile
    clock.now = 100.6
    cache.watched(100.5, written=True)  # the look ends: a write ended while it looked
    clock.now = 101.4
    cache.watched(101.0, written=False)
    assert await cache.get_or_make("k", making(calls, 2)) == answer_of(1)  # within its ttl
    clock.now = 101.6
    cache.watched(101.5, written=False)

    assert await cache.get_or_make("k", making(calls, 3)) == answer_of(3)


async def test_without_a_watch_or_a_hold_an_answer_lives_its_ttl() -> None:
    clock = Clock()
    unwatched, unheld = held_cache(clock), AnswerCache(1.0, clock)
    unheld.watched(100.0, written=False)
    for cache in (unwatched, unheld):
        await cache.get_or_make("k", making([], 1))
    clock.now = 100.5
    unheld.watched(100.5, written=False)
    clock.now = 101.01

    assert not unheld.holds
    assert [await c.get_or_make("k", making([], 2)) for c in (unwatched, unheld)] == [
        answer_of(2)
    ] * 2


class ScriptedChanges:
    """Answers each look from a script (True: a write; an exception: the database away)."""

    def __init__(self) -> None:
        self.next: bool | Exception = False
        self.look = asyncio.Event()
        self.closed = False

    async def changed(self) -> bool:
        self.look.set()
        if isinstance(self.next, Exception):
            raise self.next
        return self.next

    async def close(self) -> None:
        self.closed = True


async def looked(changes: ScriptedChanges, times: int = 2) -> None:
    async with asyncio.timeout(10):
        for _ in range(times):
            changes.look.clear()
            await changes.look.wait()


async def test_the_watch_holds_answers_until_it_sees_a_write_or_cannot_look(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock, changes, calls = Clock(), ScriptedChanges(), list[str]()
    cache = AnswerCache(0.2, clock, hold=30.0)  # a look every 0.1 s
    messages: list[str] = []
    sink = logger.add(lambda m: messages.append(m.record["message"]), level="INFO")
    watch = asyncio.create_task(watch_for_writes(changes, cache))
    try:
        await looked(changes)
        clock.now = 100.1
        await cache.get_or_make("k", making(calls, 1))
        clock.now = 105.0
        await looked(changes)
        held = await cache.get_or_make("k", making(calls, 2))

        changes.next = True
        await looked(changes)
        clock.now = 105.1
        after_a_write = await cache.get_or_make("k", making(calls, 3))
        changes.next = False
        clock.now = 106.5
        await looked(changes)
        held_after_the_write = await cache.get_or_make("k", making(calls, 4))

        changes.next = StorageUnavailable("down")
        await looked(changes, 3)
        clock.now = 108.0
        while_away = await cache.get_or_make("k", making(calls, 5))

        changes.next = False
        await looked(changes)
        clock.now = 108.5
        await cache.get_or_make("k", making(calls, 6))
        clock.now = 110.0
        await looked(changes)
        held_again = await cache.get_or_make("k", making(calls, 7))
    finally:
        watch.cancel()
        await asyncio.gather(watch, return_exceptions=True)
        logger.remove(sink)

    seen = (held, after_a_write, held_after_the_write, while_away, held_again)
    assert seen == tuple(map(answer_of, (1, 3, 3, 5, 6)))
    assert len(calls) == 4
    warnings = [m for m in messages if m.startswith("answers kept for")]
    assert warnings == [
        "answers kept for 0.2 s at most: no look at the database (it is unavailable)"
    ]
    assert "the database is watched for writes again" in messages


async def test_a_look_that_fails_unexpectedly_is_logged_once_and_the_watch_goes_on() -> None:
    clock, changes = Clock(), ScriptedChanges()
    cache = AnswerCache(0.2, clock, hold=30.0)
    errors: list[str] = []
    sink = logger.add(lambda m: errors.append(m.record["message"]), level="ERROR")
    changes.next = RuntimeError("a bug")
    watch = asyncio.create_task(watch_for_writes(changes, cache))
    try:
        await looked(changes, 3)
        changes.next = False
        await looked(changes)
        clock.now = 100.1
        await cache.get_or_make("k", making([], 1))
        clock.now = 105.0
        await looked(changes)
        held = await cache.get_or_make("k", making([], 2))
    finally:
        watch.cancel()
        await asyncio.gather(watch, return_exceptions=True)
        logger.remove(sink)

    assert errors == ["the watch for writes failed"]
    assert held == answer_of(1)
    assert changes.closed
