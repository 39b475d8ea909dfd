"""Batches (group commit): an item alone when nothing runs; the items that arrive while every
batch runs go together in the next, up to its size; never more batches at once than allowed;
each item gets its own outcome or error; a cancelled item is left out; nothing is stranded."""

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boxoffice.adapters.sqlalchemy.batches import Batches, Failed


class Recorder:
    """A run that answers each item doubled (a negative item fails alone), held open until
    released when asked, and remembers its batches and how many ran at once."""

    def __init__(self, *, hold: bool = False) -> None:
        self.batches: list[list[int]] = []
        self.running = self.most_at_once = 0
        self.release = asyncio.Event()
        if not hold:
            self.release.set()

    async def run(self, items: list[int]) -> list[int | Failed]:
        self.batches.append(items)
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        try:
            await self.release.wait()
            await asyncio.sleep(0)
        finally:
            self.running -= 1
        return [Failed(ValueError(f"refused {i}")) if i < 0 else 2 * i for i in items]


async def test_an_item_alone_is_a_batch_of_its_own_at_once() -> None:
    recorder = Recorder()
    batches = Batches(recorder.run, at_once=2, most=10)

    assert await batches.submit(3) == 6
    assert await batches.submit(4) == 8
    assert recorder.batches == [[3], [4]]


async def test_items_that_arrive_while_every_batch_runs_go_together_in_the_next() -> None:
    recorder = Recorder(hold=True)
    batches = Batches(recorder.run, at_once=1, most=10)
    first = asyncio.create_task(batches.submit(1))
    await asyncio.sleep(0.01)  # the first batch is running and held
    rest = [asyncio.create_task(batches.submit(n)) for n in range(2, 7)]
    await asyncio.sleep(0.01)
    assert len(batches) == 5
    recorder.release.set()

    assert await first == 2
    assert await asyncio.gather(*rest) == [4, 6, 8, 10, 12]
    assert recorder.batches == [[1], [2, 3, 4, 5, 6]]
    assert len(batches) == 0


async def test_a_batch_takes_no_more_than_its_size_and_no_more_run_than_allowed() -> None:
    recorder = Recorder()
    batches = Batches(recorder.run, at_once=2, most=3)

    got = await asyncio.gather(*(batches.submit(n) for n in range(20)))

    assert got == [2 * n for n in range(20)]
    assert max(len(b) for b in recorder.batches) == 3
    assert sorted(i for b in recorder.batches for i in b) == list(range(20))
    assert recorder.most_at_once == 2


async def test_an_items_error_reaches_its_submitter_alone() -> None:
    batches = Batches(Recorder().run, at_once=1, most=10)

    got = await asyncio.gather(*(batches.submit(n) for n in (1, -2, 3)), return_exceptions=True)

    assert (got[0], got[2]) == (2, 6)
    assert isinstance(got[1], ValueError)
    assert str(got[1]) == "refused -2"


async def test_a_failing_run_fails_its_batch_only() -> None:
    calls = 0

    async def run(items: list[int]) -> list[int | Failed]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("a bug")
        return list(items)

    batches = Batches(run, at_once=1, most=10)
    with pytest.raises(RuntimeError, match="a bug"):
        await batches.submit(1)
    assert await batches.submit(2) == 2


async def test_a_cancelled_item_is_left_out_and_the_others_are_served() -> None:
    recorder = Recorder(hold=True)
    batches = Batches(recorder.run, at_once=1, most=10)
    first = asyncio.create_task(batches.submit(1))
    await asyncio.sleep(0.01)
    given_up, kept = asyncio.create_task(batches.submit(2)), asyncio.create_task(batches.submit(3))
    await asyncio.sleep(0.01)
    given_up.cancel()
    recorder.release.set()

    assert (await first, await kept) == (2, 6)
    assert recorder.batches == [[1], [3]]
    assert given_up.cancelled()


async def test_a_submitter_cancelled_mid_batch_does_not_cut_the_batch_short() -> None:
    recorder = Recorder(hold=True)
    batches = Batches(recorder.run, at_once=1, most=10)
    leaving = asyncio.create_task(batches.submit(1))
    staying = asyncio.create_task(batches.submit(2))
    await asyncio.sleep(0.01)
    leaving.cancel()
    await asyncio.sleep(0.01)
    recorder.release.set()

    assert await staying == 4
    assert recorder.batches == [[1, 2]]
    assert leaving.cancelled()


def test_batches_need_room() -> None:
    async def run(items: list[int]) -> list[int | Failed]:
        return list(items)

    with pytest.raises(ValueError, match="at least one"):
        Batches(run, at_once=0, most=1)
    with pytest.raises(ValueError, match="at least one"):
        Batches(run, at_once=1, most=0)


@settings(max_examples=60, deadline=None)
@given(
    arrivals=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=3),  # yields before the item is submitted
            st.booleans(),  # whether its submitter gives up soon after
        ),
        min_size=1,
        max_size=30,
    ),
    at_once=st.integers(min_value=1, max_value=3),
    most=st.integers(min_value=1, max_value=8),
)
def test_every_item_kept_is_served_once_within_the_limits(
    arrivals: list[tuple[int, bool]], at_once: int, most: int
) -> None:
    async def scenario() -> None:
        recorder = Recorder()
        batches = Batches(recorder.run, at_once=at_once, most=most)

        async def submitter(n: int, delay: int) -> int:
            for _ in range(delay):
                await asyncio.sleep(0)
            return await batches.submit(n)

        tasks = [asyncio.create_task(submitter(n, d)) for n, (d, _) in enumerate(arrivals)]
        await asyncio.sleep(0)
        for task, (_, gives_up) in zip(tasks, arrivals, strict=True):
            if gives_up:
                task.cancel()
        async with asyncio.timeout(5):  # nothing stranded
            results = await asyncio.gather(*tasks, return_exceptions=True)

        ran = [i for b in recorder.batches for i in b]
        assert len(ran) == len(set(ran))  # none twice
        for n, result in enumerate(results):
            if not isinstance(result, BaseException):
                assert result == 2 * n
                assert n in ran
        assert all(1 <= len(b) <= most for b in recorder.batches)
        assert recorder.most_at_once <= at_once
        assert len(batches) == 0

    asyncio.run(scenario())
