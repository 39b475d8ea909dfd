"""The worker's loops run side by side; one that fails stops the others and is reported."""

import asyncio

import pytest

from boxoffice.entrypoints.worker import run_until_stopped


async def test_a_failing_loop_stops_the_others_and_its_error_is_raised() -> None:
    cancelled = asyncio.Event()

    async def steady() -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    async def broken() -> None:
        await asyncio.sleep(0)
        raise RuntimeError("the relay lost its broker")

    with pytest.raises(RuntimeError, match="lost its broker"):
        await asyncio.wait_for(run_until_stopped({"steady": steady, "broken": broken}), 5)

    assert cancelled.is_set()


async def test_cancelling_the_runner_cancels_every_loop() -> None:
    started, cancelled = asyncio.Event(), []

    async def loop(name: str) -> None:
        started.set()
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.append(name)
            raise

    runner = asyncio.create_task(
        run_until_stopped({"a": lambda: loop("a"), "b": lambda: loop("b")})
    )
    await started.wait()
    await asyncio.sleep(0)
    runner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await runner

    assert sorted(cancelled) == ["a", "b"]
