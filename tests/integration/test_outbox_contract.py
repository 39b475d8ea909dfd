"""The outbox contract on every backend, and relays racing over one PostgreSQL outbox."""

import asyncio
from collections.abc import Callable
from uuid import uuid4

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.ports.outbox_signal import OutboxSignal
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.message_codec import decode
from boxoffice.application.use_cases.relay_outbox import RelayOutbox
from tests.builders import NOW
from tests.fake_broker import RecordingBroker
from tests.fakes import InMemoryStore, InMemoryUnitOfWork
from tests.integration.conftest import NewUnitOfWork


def a_change(action: ChangeAction = ChangeAction.UPDATED, n: int = 0) -> EventChange:
    recipients = None if action is ChangeAction.CREATED else (uuid4(), uuid4())
    return EventChange(uuid4(), action, uuid4(), f"Event {n}", NOW, "asha", uuid4(), recipients)


async def write(uow: UnitOfWork, count: int) -> list[EventChange]:
    changes = [a_change(n=n) for n in range(count)]
    async with uow:
        for change in changes:
            await uow.outbox.add(change)
        await uow.commit()
    return changes


async def test_pending_gives_unsent_messages_oldest_first_as_they_were_encoded(
    new_uow: NewUnitOfWork,
) -> None:
    created = a_change(ChangeAction.CREATED)
    changes = [created]
    async with new_uow() as uow:
        await uow.outbox.add(created)
        await uow.commit()
    changes += await write(new_uow(), 3)

    async with new_uow() as uow:
        pending = await uow.outbox.pending(10)
        first_two = await uow.outbox.pending(2)

    assert [decode(message) for message in pending] == changes
    assert [m.routing_key for m in pending] == ["event.created"] + ["event.updated"] * 3
    assert [m.id for m in first_two] == [str(c.id) for c in changes[:2]]


async def test_marked_messages_are_no_longer_pending(new_uow: NewUnitOfWork) -> None:
    changes = await write(new_uow(), 4)

    async with new_uow() as uow:
        await uow.outbox.mark_sent([str(changes[0].id), str(changes[2].id)])
        await uow.outbox.mark_sent([])
        await uow.commit()
    async with new_uow() as uow:
        pending = await uow.outbox.pending(10)

    assert [m.id for m in pending] == [str(changes[1].id), str(changes[3].id)]


async def test_a_message_rolled_back_with_its_transaction_is_not_there(
    new_uow: NewUnitOfWork,
) -> None:
    kept = await write(new_uow(), 1)
    async with new_uow() as uow:
        await uow.outbox.add(a_change())
        # left without commit: rolled back
    async with new_uow() as uow:
        await uow.outbox.add(a_change())
        await uow.rollback()
        await uow.commit()

    async with new_uow() as uow:
        assert [m.id for m in await uow.outbox.pending(10)] == [str(kept[0].id)]


class CountingSignal:
    def __init__(self) -> None:
        self.wakes = 0

    def wake(self) -> None:
        self.wakes += 1


async def test_only_a_commit_that_added_messages_wakes_the_relay(
    new_uow: NewUnitOfWork, backend: str
) -> None:
    signal = CountingSignal()
    engine = None if backend == "memory" else create_engine(backend)
    store = InMemoryStore()
    with_signal: Callable[[OutboxSignal], UnitOfWork] = (
        (lambda s: InMemoryUnitOfWork(store, on_commit=s))
        if engine is None
        else (lambda s: SqlAlchemyUnitOfWork(engine, on_commit=s))
    )
    try:
        uow = with_signal(signal)
        async with uow:
            await uow.commit()  # nothing added
            await uow.outbox.add(a_change())
            await uow.rollback()
            await uow.commit()  # the rolled-back message does not count
        assert signal.wakes == 0
        await write(uow, 2)
        assert signal.wakes == 1
    finally:
        if engine is not None:
            await engine.dispose()


async def test_relays_running_at_once_publish_every_message_exactly_once(
    new_uow: NewUnitOfWork, backend: str
) -> None:
    changes = [c for _ in range(4) for c in await write(new_uow(), 30)]
    broker = RecordingBroker(publish_seconds=0.001)  # keeps transactions open, overlapping
    published: dict[int, int] = {}

    async def relay(n: int) -> None:
        relay = RelayOutbox(new_uow(), broker, batch_size=7)
        published[n] = 0
        while (report := await relay.execute()).published:
            published[n] += report.published

    await asyncio.gather(*(relay(n) for n in range(3)))
    async with new_uow() as uow:
        left = await uow.outbox.pending(10)

    counts = broker.times_published()
    assert set(counts) == {str(c.id) for c in changes}
    assert set(counts.values()) == {1}, "a message was published twice"
    assert left == []
    if backend.startswith("postgresql"):  # really concurrent: SKIP LOCKED split the work
        assert sum(1 for n in published.values() if n) >= 2, published


async def test_a_crashed_relay_leaves_its_batch_for_the_next_one(new_uow: NewUnitOfWork) -> None:
    changes = await write(new_uow(), 1)
    broker = RecordingBroker()

    async with new_uow() as uow:  # a relay that publishes, then dies before its commit
        for message in await uow.outbox.pending(10):
            await broker.publish(message)
    await RelayOutbox(new_uow(), broker).execute()

    assert [m.id for m in broker.published] == [str(changes[0].id)] * 2
    async with new_uow() as uow:
        assert await uow.outbox.pending(10) == []
