"""A relay told to stop finishes the batch in hand, so that its connection closes at the source."""

import asyncio

import pytest

from boxoffice.application.use_cases.relay_outbox import RelayReport
from boxoffice.entrypoints.outbox_relay import OutboxRelay, OutboxWakeUp


class HeldBatch:
    """A RelayOutbox whose batch lasts until the test releases it."""

    def __init__(self) -> None:
        self.started, self.release = asyncio.Event(), asyncio.Event()
        self.finished = False

    async def execute(self) -> RelayReport:
        self.started.set()
        await self.release.wait()
        self.finished = True
        return RelayReport(published=1, left=0)


async def relay_in_a_batch() -> tuple[HeldBatch, "asyncio.Task[None]"]:
    batch = HeldBatch()
    relay = OutboxRelay(batch, OutboxWakeUp(), poll_seconds=0)  # type: ignore[arg-type]
    task = asyncio.create_task(relay.run())
    await asyncio.wait_for(batch.started.wait(), 5)
    return batch, task


async def test_a_relay_cancelled_mid_batch_finishes_the_batch_and_then_stops() -> None:
    batch, task = await relay_in_a_batch()

    task.cancel()
    await asyncio.sleep(0.01)
    still_running = not task.done()
    batch.release.set()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert still_running
    assert batch.finished


async def test_a_second_cancellation_interrupts_the_batch_in_hand() -> None:
    batch, task = await relay_in_a_batch()

    task.cancel()
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert not batch.finished
