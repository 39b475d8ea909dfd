"""The relay publishes the outbox in order, marks what the broker took, and keeps the rest."""

import asyncio
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boxoffice.adapters.messaging.memory import InMemoryBroker
from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.ports.message_broker import BrokerMessage
from boxoffice.application.use_cases.relay_outbox import RelayOutbox
from tests.builders import NOW
from tests.fake_broker import RecordingBroker
from tests.fakes import InMemoryStore, InMemoryUnitOfWork


def a_change(title: str = "Jazz Night") -> EventChange:
    return EventChange(uuid4(), ChangeAction.CREATED, uuid4(), title, NOW, "asha", None, None)


async def write(store: InMemoryStore, count: int) -> list[str]:
    """Adds `count` messages in one transaction; their ids in order."""
    changes = [a_change(f"Event {n}") for n in range(count)]
    async with InMemoryUnitOfWork(store) as uow:
        for change in changes:
            await uow.outbox.add(change)
        await uow.commit()
    return [str(change.id) for change in changes]


def unsent(store: InMemoryStore) -> list[str]:
    return [message.id for message, sent in store.committed.outbox if not sent]


async def test_the_relay_publishes_in_order_to_the_broker_and_marks_them_sent() -> None:
    store, broker = InMemoryStore(), InMemoryBroker()
    received: list[BrokerMessage] = []

    async def handle(message: BrokerMessage) -> None:
        received.append(message)

    consumer = asyncio.create_task(broker.consume("notifications", ["event.*"], handle))
    await asyncio.sleep(0)  # the consumer binds its queue
    ids = await write(store, 5)

    report = await RelayOutbox(InMemoryUnitOfWork(store), broker).execute()
    again = await RelayOutbox(InMemoryUnitOfWork(store), broker).execute()
    await asyncio.sleep(0.01)
    consumer.cancel()

    assert (report.published, report.left, report.broker_unavailable) == (5, 0, False)
    assert again.published == 0
    assert [m.id for m in received] == ids
    assert {m.routing_key for m in received} == {"event.created"}
    assert unsent(store) == []


async def test_a_batch_is_at_most_the_batch_size_and_says_more_may_wait() -> None:
    store, broker = InMemoryStore(), RecordingBroker()
    ids = await write(store, 5)
    relay = RelayOutbox(InMemoryUnitOfWork(store), broker, batch_size=3)

    first, second = await relay.execute(), await relay.execute()

    assert (first.published, first.full_batch) == (3, True)
    assert (second.published, second.full_batch) == (2, False)
    assert [m.id for m in broker.published] == ids


async def test_a_broker_outage_keeps_the_rest_and_they_are_all_sent_exactly_once_later() -> None:
    store, broker = InMemoryStore(), RecordingBroker()
    ids = await write(store, 5)
    relay = RelayOutbox(InMemoryUnitOfWork(store), broker)
    broker.fail_after = 2

    during = await relay.execute()
    still_down = await relay.execute()
    broker.down = False
    ids += await write(store, 2)
    after = await relay.execute()

    assert (during.published, during.left, during.broker_unavailable) == (2, 3, True)
    assert (still_down.published, still_down.left) == (0, 3)
    assert (after.published, after.broker_unavailable) == (5, False)
    assert [m.id for m in broker.published] == ids
    assert set(broker.times_published().values()) == {1}
    assert unsent(store) == []


class CrashingUnitOfWork(InMemoryUnitOfWork):
    """The process dies after publishing, before its commit lands."""

    async def commit(self) -> None:
        raise ConnectionError("the database went away")


async def test_a_crash_between_publishing_and_marking_sends_again_at_least_once() -> None:
    store, broker = InMemoryStore(), RecordingBroker()
    ids = await write(store, 3)

    with pytest.raises(ConnectionError):
        await RelayOutbox(CrashingUnitOfWork(store), broker).execute()
    assert unsent(store) == ids
    await RelayOutbox(InMemoryUnitOfWork(store), broker).execute()

    assert [m.id for m in broker.published] == ids + ids
    assert unsent(store) == []


@settings(max_examples=60, deadline=None)
@given(
    batches=st.lists(st.integers(1, 6), min_size=1, max_size=5),
    outages=st.lists(st.integers(0, 8), max_size=6),
    batch_size=st.integers(1, 5),
)
async def test_whatever_the_outages_every_message_is_published_once_in_order(
    batches: list[int], outages: list[int], batch_size: int
) -> None:
    store, broker = InMemoryStore(), RecordingBroker()
    relay = RelayOutbox(InMemoryUnitOfWork(store), broker, batch_size=batch_size)
    ids: list[str] = []
    for count, fail_after in zip(batches, [*outages, *[None] * len(batches)], strict=False):
        ids += await write(store, count)
        broker.fail_after = fail_after  # the broker goes down after that many publications
        await relay.execute()
        broker.down, broker.fail_after = False, None
    while (await relay.execute()).published:
        pass

    assert [m.id for m in broker.published] == ids
    assert unsent(store) == []
