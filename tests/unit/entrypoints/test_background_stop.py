"""Background tasks stop at shutdown within a bound, however they behave."""

import asyncio
import time

from boxoffice.entrypoints.background import UNWIND_TIMEOUT_S, stop


async def test_a_task_that_stops_when_cancelled_is_awaited() -> None:
    task = asyncio.create_task(asyncio.sleep(3600), name="sleeper")

    await stop(task, within=5)

    assert task.cancelled()


async def test_a_task_that_shields_its_step_gets_a_second_cancellation_after_the_bound() -> None:
    step = asyncio.create_task(asyncio.sleep(3600))

    async def finishing_its_step() -> None:
        try:
            await asyncio.shield(step)
        except asyncio.CancelledError:
            await step  # interrupted only by a second cancellation
            raise

    task = asyncio.create_task(finishing_its_step(), name="relay")
    await asyncio.sleep(0)

    await stop(task, within=0.05)

    assert task.cancelled()
    assert step.cancelled()


async def test_a_task_that_ignores_cancellation_is_left_behind_in_bounded_time() -> None:
    let_go = asyncio.Event()

    async def stubborn() -> None:
        while not let_go.is_set():
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                continue

    task = asyncio.create_task(stubborn(), name="stubborn")
    await asyncio.sleep(0)
    started = time.monotonic()

    await stop(task, within=0.05)

    assert time.monotonic() - started < 0.05 + UNWIND_TIMEOUT_S + 30  # returned, not hung
    assert not task.done()
    let_go.set()
    task.cancel()
    await task
