"""The relay's loop: woken by commits, polling otherwise, backing off while the broker is down."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import pytest

from boxoffice.application.use_cases.create_event import CreateEvent
from boxoffice.application.use_cases.relay_outbox import RelayOutbox
from boxoffice.entrypoints.outbox_relay import OutboxRelay, OutboxWakeUp
from tests.builders import NOW
from tests.fake_broker import RecordingBroker
from tests.fakes import FixedClock, InMemoryStore, InMemoryUnitOfWork
from tests.unit.application.conftest import People
from tests.unit.application.test_create_and_update_event import new_event
from tests.unit.application.test_relay_outbox import unsent, write


async def eventually(condition: Callable[[], bool], seconds: float = 2.0) -> None:
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 (polls a plain list, which has no event)
            await asyncio.sleep(0.005)


@asynccontextmanager
async def running(relay: OutboxRelay) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(relay.run())
    try:
        yield task
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


async def test_a_commit_that_adds_a_message_wakes_the_relay_at_once(
    store: InMemoryStore, people: People
) -> None:
    wake_up, broker = OutboxWakeUp(), RecordingBroker()
    uow = InMemoryUnitOfWork(store, on_commit=wake_up)
    relay = OutboxRelay(RelayOutbox(InMemoryUnitOfWork(store), broker), wake_up, poll_seconds=3600)

    async with running(relay):
        await asyncio.sleep(0.01)  # the relay is waiting now
        await CreateEvent(uow, FixedClock(NOW)).execute(new_event(people.admin))
        await eventually(lambda: len(broker.published) == 1, seconds=1)

    assert unsent(store) == []


async def test_a_commit_without_messages_does_not_wake_the_relay(store: InMemoryStore) -> None:
    wake_up = OutboxWakeUp()
    async with InMemoryUnitOfWork(store, on_commit=wake_up) as uow:
        await uow.commit()

    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.05):
            await wake_up.wait(3600)


async def test_messages_no_commit_announced_are_found_by_polling(store: InMemoryStore) -> None:
    broker = RecordingBroker()
    relay = OutboxRelay(
        RelayOutbox(InMemoryUnitOfWork(store), broker), OutboxWakeUp(), poll_seconds=0.02
    )

    async with running(relay):
        ids = await write(store, 3)  # as another process would: nobody wakes this relay
        await eventually(lambda: len(broker.published) == 3)

    assert [m.id for m in broker.published] == ids


async def test_while_the_broker_is_down_the_relay_backs_off_exponentially_up_to_a_cap(
    store: InMemoryStore,
) -> None:
    broker, pauses = RecordingBroker(), []
    broker.down = True
    ids = await write(store, 2)

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 6:
            broker.down = False
        await asyncio.sleep(0)

    relay = OutboxRelay(
        RelayOutbox(InMemoryUnitOfWork(store), broker),
        OutboxWakeUp(),
        poll_seconds=0.01,
        max_backoff_seconds=0.05,
        sleep=sleep,
    )
    async with running(relay):
        await eventually(lambda: len(broker.published) == 2)

    assert pauses[:6] == [0.01, 0.02, 0.04, 0.05, 0.05, 0.05]
    assert [m.id for m in broker.published] == ids


async def test_a_full_batch_is_followed_at_once_by_the_next(store: InMemoryStore) -> None:
    broker = RecordingBroker()
    ids = await write(store, 7)
    wake_up = OutboxWakeUp()
    relay = OutboxRelay(
        RelayOutbox(InMemoryUnitOfWork(store), broker, batch_size=2), wake_up, poll_seconds=3600
    )

    async with running(relay):
        await asyncio.sleep(0.01)
        wake_up.wake()
        await eventually(lambda: len(broker.published) == 7, seconds=1)

    assert [m.id for m in broker.published] == ids


async def test_a_second_cancellation_mid_batch_stops_the_relay_and_keeps_the_batch(
    store: InMemoryStore,
) -> None:
    broker = RecordingBroker(publish_seconds=10)  # stuck waiting for the broker's confirm
    ids = await write(store, 2)
    wake_up = OutboxWakeUp()
    relay = OutboxRelay(RelayOutbox(InMemoryUnitOfWork(store), broker), wake_up)
    task = asyncio.create_task(relay.run())
    wake_up.wake()
    await asyncio.sleep(0.05)

    task.cancel()  # the first lets the batch finish (tests/unit/application/test_relay_shutdown.py)
    await asyncio.sleep(0.01)
    task.cancel()  # a shutdown's deadline
    with pytest.raises(asyncio.CancelledError):
        await task

    assert unsent(store) == ids
