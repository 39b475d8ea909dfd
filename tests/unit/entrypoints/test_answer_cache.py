"""The per-process cache of anonymous read answers: kept for its life, no longer, bounded."""

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from boxoffice.entrypoints.http import answers
from boxoffice.entrypoints.http.answers import AnswerCache, answer_of


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
