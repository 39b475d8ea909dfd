"""One contract for the MessageBroker port, run against the in-process broker, RabbitMQ and
Redis Streams. Every test names its own exchange or stream and queues and removes them."""

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator

import pytest

from boxoffice.application.ports.message_broker import BrokerMessage
from tests.integration.broker_backends import MAX_DELIVERIES, Backend, backend_for, eventually
from tests.integration.broker_inbox import Inbox, consuming, message, publish_all, stop


@pytest.fixture(params=["memory", "rabbitmq", "redis"])
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    # Redis hands a cancelled consumer's entries on once they have been idle this long.
    options = {"claim_idle_seconds": 3.0} if request.param == "redis" else {}
    under_test = backend_for(request.param, **options)
    try:
        yield under_test
    finally:
        await under_test.remove()


async def test_a_published_message_arrives_with_its_id_routing_key_and_body(
    backend: Backend,
) -> None:
    broker, queue, inbox = backend.client(), backend.queue(), Inbox()
    sent = BrokerMessage("4d1c-id", "event.updated", b'{"title": "caf\xc3\xa9"}\x00\xff')
    async with consuming(broker, queue, ["event.*"], inbox):
        await backend.attached(queue)
        await broker.publish(sent)
        await eventually(lambda: len(inbox.received) == 1)

    assert inbox.received == [sent]


async def test_each_queue_receives_only_the_routing_keys_it_is_bound_to(backend: Backend) -> None:
    broker = backend.client()
    bindings = {"star": ["event.*"], "exact": ["event.deleted", "event.created"], "all": ["#"]}
    queues = {name: backend.queue(name) for name in bindings}
    inboxes = {name: Inbox() for name in bindings}
    keys = ["event.created", "event.updated", "event.deleted", "user.created", "event.a.b"]
    async with (
        consuming(broker, queues["star"], bindings["star"], inboxes["star"]),
        consuming(broker, queues["exact"], bindings["exact"], inboxes["exact"]),
        consuming(broker, queues["all"], bindings["all"], inboxes["all"]),
    ):
        for queue in queues.values():
            await backend.attached(queue)
        await publish_all(broker, [message(key, key) for key in keys])
        await eventually(lambda: len(inboxes["all"].received) == len(keys))
        await eventually(lambda: len(inboxes["star"].received) == 3)
        await eventually(lambda: len(inboxes["exact"].received) == 2)
        await asyncio.sleep(0.3)  # time for a wrongly routed message to arrive

    routed = {
        name: sorted(m.routing_key for m in inbox.received) for name, inbox in inboxes.items()
    }
    assert routed["star"] == ["event.created", "event.deleted", "event.updated"]
    assert routed["exact"] == ["event.created", "event.deleted"]
    assert routed["all"] == sorted(keys)


async def test_two_consumers_of_one_queue_share_its_messages_each_handled_once(
    backend: Backend,
) -> None:
    queue = backend.queue()
    first, second = Inbox(pause=0.01), Inbox(pause=0.01)
    async with (
        consuming(backend.client(), queue, ["event.*"], first),
        consuming(backend.client(), queue, ["event.*"], second),
    ):
        await backend.attached(queue, consumers=2)
        await publish_all(backend.client(), [message(n) for n in range(200)])
        await eventually(lambda: len(first.received) + len(second.received) >= 200)
        await asyncio.sleep(0.3)

    both = Counter(first.ids() + second.ids())
    assert set(both) == {f"m-{n}" for n in range(200)}
    assert max(both.values()) == 1
    assert first.received
    assert second.received


async def test_two_queues_each_receive_every_message(backend: Backend) -> None:
    broker, queues, inboxes = (
        backend.client(),
        [backend.queue(), backend.queue()],
        [Inbox(), Inbox()],
    )
    async with (
        consuming(broker, queues[0], ["#"], inboxes[0]),
        consuming(broker, queues[1], ["#"], inboxes[1]),
    ):
        await backend.attached(queues[0])
        await backend.attached(queues[1])
        await publish_all(broker, [message(n) for n in range(20)])
        await eventually(lambda: all(len(i.received) == 20 for i in inboxes))

    assert (
        sorted(inboxes[0].ids()) == sorted(inboxes[1].ids()) == sorted(f"m-{n}" for n in range(20))
    )


async def test_a_failing_message_is_retried_then_dead_lettered_while_later_ones_flow(
    backend: Backend,
) -> None:
    broker, queue = backend.client(), backend.queue()
    inbox = Inbox(fail=["m-poison"])
    async with consuming(broker, queue, ["event.*"], inbox):
        await backend.attached(queue)
        await broker.publish(message("poison"))
        await publish_all(broker, [message(n) for n in range(5)])
        await eventually(lambda: inbox.count("m-poison") == MAX_DELIVERIES, what="retries")
        await eventually(lambda: all(inbox.count(f"m-{n}") == 1 for n in range(5)))
        await asyncio.sleep(0.5)  # no further delivery of the poison message
        dead = await _dead_letters(backend, queue, 1)

    assert inbox.count("m-poison") == MAX_DELIVERIES
    assert [m.id for m in dead] == ["m-poison"]
    assert dead[0] == message("poison")


async def test_a_message_that_fails_once_is_delivered_again_and_not_dead_lettered(
    backend: Backend,
) -> None:
    broker, queue, inbox = backend.client(), backend.queue(), Inbox(fail=["m-1"], fail_times=1)
    async with consuming(broker, queue, ["event.*"], inbox):
        await backend.attached(queue)
        await broker.publish(message(1))
        await eventually(lambda: inbox.count("m-1") == 2)
        await asyncio.sleep(0.5)

    assert inbox.count("m-1") == 2
    assert await backend.dead_letters(queue) == []


async def _dead_letters(backend: Backend, queue: str, expected: int) -> list[BrokerMessage]:
    deadline = time.monotonic() + 60
    while len(found := await backend.dead_letters(queue)) < expected:
        assert time.monotonic() < deadline, f"only {len(found)} dead letters in {queue}"
        await asyncio.sleep(0.1)
    return found


async def test_messages_published_while_no_consumer_runs_arrive_when_one_starts(
    backend: Backend,
) -> None:
    broker, queue = backend.client(), backend.queue()
    async with consuming(broker, queue, ["event.*"], Inbox()) as first:
        await backend.attached(queue)
    await stop(first)

    await publish_all(broker, [message(n) for n in range(10)])
    later = Inbox()
    async with consuming(backend.client(), queue, ["event.*"], later):
        await eventually(lambda: len(later.received) == 10)

    assert sorted(later.ids()) == sorted(f"m-{n}" for n in range(10))


async def test_a_cancelled_consumer_stops_and_handles_nothing_more(backend: Backend) -> None:
    broker, queue, inbox = backend.client(), backend.queue(), Inbox()
    async with consuming(broker, queue, ["event.*"], inbox) as task:
        await backend.attached(queue)
        await broker.publish(message(1))
        await eventually(lambda: len(inbox.received) == 1)
        await stop(task)

        assert task.cancelled()
        await broker.publish(message(2))
        await asyncio.sleep(0.5)

    assert inbox.ids() == ["m-1"]


async def test_a_message_whose_consumer_is_cancelled_mid_handling_reaches_another(
    backend: Backend,
) -> None:
    queue = backend.queue()
    stuck, healthy = Inbox(pause=30), Inbox()
    async with consuming(backend.client(), queue, ["event.*"], stuck) as task:
        await backend.attached(queue)
        await backend.client().publish(message(1))
        await eventually(lambda: len(stuck.received) == 1)
        await stop(task)
    async with consuming(backend.client(), queue, ["event.*"], healthy):
        await eventually(lambda: healthy.ids() == ["m-1"], within=20)


async def test_a_thousand_messages_all_arrive(backend: Backend) -> None:
    broker, queue, inbox = backend.client(), backend.queue(), Inbox()
    sent = [message(n, ("event.created", "event.updated")[n % 2]) for n in range(1_000)]
    async with consuming(broker, queue, ["event.*"], inbox):
        await backend.attached(queue)
        await asyncio.gather(*(publish_all(broker, sent[i::10]) for i in range(10)))
        await eventually(lambda: len(inbox.received) >= 1_000, within=60)

    assert sorted(inbox.ids()) == sorted(m.id for m in sent)
