"""What a RabbitMQ publish that returns promises: a durable queue holds the message.

The outbox relay marks a message sent once `publish` returns, so a return that the broker did
not back with a stored message loses that message for good."""

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aio_pika
import pytest

from boxoffice.adapters.messaging.rabbitmq import RabbitMqBroker
from boxoffice.application.ports.message_broker import BrokerMessage, BrokerUnavailable
from tests.integration.broker_backends import Backend, backend_for, unique
from tests.integration.broker_inbox import Inbox, consuming, stop
from tests.integration.broker_servers import PrivateRabbitMq

pytestmark = pytest.mark.rabbitmq


@pytest.fixture
async def shared_rabbitmq() -> AsyncIterator[Backend]:
    backend = backend_for("rabbitmq")
    try:
        yield backend
    finally:
        await backend.remove()


async def test_a_message_that_no_queue_would_keep_is_refused_and_not_confirmed(
    shared_rabbitmq: Backend,
) -> None:
    """No consumer has declared its queue yet (a deployment that starts the publisher first):
    RabbitMQ confirms what it routes nowhere, and would drop it."""
    publisher = shared_rabbitmq.client()

    with pytest.raises(BrokerUnavailable, match="no queue"):
        await publisher.publish(BrokerMessage("m-1", "event.created", b"{}"))


async def test_a_message_for_a_bound_queue_is_still_confirmed(shared_rabbitmq: Backend) -> None:
    queue = shared_rabbitmq.queue()
    async with consuming(shared_rabbitmq.client(), queue, ["event.*"], Inbox()):
        await shared_rabbitmq.attached(queue)

    await shared_rabbitmq.client().publish(BrokerMessage("m-1", "event.created", b"{}"))

    assert await queued_ids(shared_rabbitmq.url, queue) == {"m-1"}


async def queued_ids(url: str, queue: str) -> set[str]:
    connection = await aio_pika.connect(url, timeout=30)
    try:
        channel = await connection.channel()
        declared = await channel.declare_queue(queue, passive=True)
        found = set()
        while (message := await declared.get(no_ack=True, fail=False)) is not None:
            found.add(message.message_id or "")
        return found
    finally:
        await connection.close()


async def publish_one_by_one(
    broker: RabbitMqBroker, confirmed: list[str], done: asyncio.Event
) -> None:
    """As the outbox relay does: the next message only once the last one returned or failed."""
    number = 0
    while not done.is_set():
        message = BrokerMessage(f"m-{number}", "event.created", b"{}")
        try:
            await broker.publish(message)
        except BrokerUnavailable:
            await asyncio.sleep(0.05)
            continue
        confirmed.append(message.id)
        number += 1


@pytest.mark.slow
@pytest.mark.timeout(600)  # two starts of a RabbitMQ node on a loaded machine
async def test_every_message_confirmed_while_rabbitmq_stops_is_in_the_queue_after_it_restarts(
    tmp_path: Path,
) -> None:
    server = PrivateRabbitMq(tmp_path)
    await asyncio.to_thread(server.start)
    exchange, queue = unique("events"), unique("q")
    consumer, publisher = (RabbitMqBroker(server.url, exchange) for _ in range(2))
    confirmed: list[str] = []
    try:
        task = asyncio.create_task(consumer.consume(queue, ["event.*"], Inbox()))
        await Backend("rabbitmq", server.url, exchange).attached(queue)
        await stop(task)  # the durable queue stays, and keeps what is published from now on
        done = asyncio.Event()
        publishing = asyncio.create_task(publish_one_by_one(publisher, confirmed, done))
        deadline = time.monotonic() + 60
        while len(confirmed) < 200:  # in full flow when the broker goes
            assert time.monotonic() < deadline, "RabbitMQ confirmed too little to test"
            await asyncio.sleep(0.05)
        await asyncio.to_thread(server.stop)
        await asyncio.to_thread(server.start)
        after_restart = len(confirmed)
        while len(confirmed) < after_restart + 50:  # the publisher is back
            assert time.monotonic() < deadline + 180, "no confirm after the restart"
            await asyncio.sleep(0.05)
        done.set()
        await publishing
        kept = await queued_ids(server.url, queue)
    finally:
        await publisher.aclose()
        await consumer.aclose()
        server.kill()

    lost = [m for m in confirmed if m not in kept]
    print(f"\n{len(confirmed)} confirmed across a RabbitMQ stop and restart, {len(lost)} lost")
    assert lost == [], f"{len(lost)} of {len(confirmed)} confirmed messages are not in the queue"
