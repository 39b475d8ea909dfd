"""The per-process cache of anonymous read answers: kept for its life, no longer, bounded."""

from entrypoints.http import answers
from entrypoints.http.answers import AnswerCache, answer_of


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def making(calls: list[str], body: object):  # type: ignore[no-untyped-def]
    async def make() -> object:
        calls.append("made")
        return body

    return make


async def test_an_answer_is_kept_for_its_life_and_made_again_after() -> None:
    clock, calls = Clock(), []
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
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(answers, "MAX_ENTRIES", 3)
    cache = AnswerCache(1.0, Clock())
    for n in range(10):
        await cache.get_or_make(n, making([], n))

    assert len(cache._entries) <= 3


def test_an_etag_is_weak_and_names_the_body() -> None:
    assert answer_of([1]).etag == answer_of([1]).etag != answer_of([2]).etag
    assert answer_of([1]).etag.startswith('W/"')
