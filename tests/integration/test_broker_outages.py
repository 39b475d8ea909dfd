"""The broker goes away for real during a burst of publications and comes back: a publisher
that keeps what was refused and tries again (as the outbox relay does) and a consumer that
deduplicates by id together lose nothing. Private servers only: the shared ones keep running."""

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from boxoffice.adapters.messaging.rabbitmq import RabbitMqBroker
from boxoffice.adapters.messaging.redis_streams import RedisStreamsBroker
from boxoffice.application.ports.message_broker import (
    BrokerMessage,
    BrokerUnavailable,
    MessageBroker,
)
from tests.integration.broker_backends import Backend, eventually
from tests.integration.broker_servers import PrivateRabbitMq, PrivateRedis

OUTAGE_SECONDS = 3.0
PUBLICATIONS_PER_SECOND = 100
HANDLING_SECONDS = 0.03


@dataclass
class Traffic:
    published: list[str] = field(default_factory=list)
    confirmed_at: list[float] = field(default_factory=list)
    refusals: int = 0
    delivered: list[str] = field(default_factory=list)
    delivered_at: list[float] = field(default_factory=list)

    handling: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def handle(self, message: BrokerMessage) -> None:
        async with self.handling:  # one at a time, slower than the publisher: a backlog builds
            await asyncio.sleep(HANDLING_SECONDS)
            self.delivered.append(message.id)
            self.delivered_at.append(time.monotonic())

    def first_after(self, times: list[float], moment: float) -> float:
        return min((t for t in times if t >= moment), default=float("inf")) - moment


async def publish_until(broker: MessageBroker, traffic: Traffic, stop: asyncio.Event) -> None:
    """Keeps each message until the broker confirms it, as the outbox relay does."""
    number = 0
    while not stop.is_set():
        message = BrokerMessage(f"burst-{number}", "event.updated", b"{}")
        while True:
            try:
                await broker.publish(message)
                break
            except BrokerUnavailable:
                traffic.refusals += 1
                await asyncio.sleep(0.1)
        traffic.published.append(message.id)
        traffic.confirmed_at.append(time.monotonic())
        number += 1
        await asyncio.sleep(1 / PUBLICATIONS_PER_SECOND)


async def burst_across_an_outage(
    backend: Backend, stop_server: Callable[[], None], start_server: Callable[[], None]
) -> dict[str, float]:
    queue, traffic, stop = backend.queue(), Traffic(), asyncio.Event()
    consumer = asyncio.create_task(backend.client().consume(queue, ["event.*"], traffic.handle))
    await backend.attached(queue)
    publisher = asyncio.create_task(publish_until(backend.client(), traffic, stop))
    await asyncio.sleep(1)
    stopping = time.monotonic()
    await asyncio.to_thread(stop_server)
    stopped = time.monotonic()
    backlog = len(traffic.published) - len(set(traffic.delivered))
    await asyncio.sleep(OUTAGE_SECONDS)
    await asyncio.to_thread(start_server)
    came_back = time.monotonic()
    await eventually(lambda: traffic.first_after(traffic.delivered_at, came_back) < 1e9, 60)
    await asyncio.sleep(1)
    stop.set()
    await asyncio.wait_for(publisher, 30)
    await eventually(lambda: set(traffic.delivered) >= set(traffic.published), 60, "every id")
    consumer.cancel()
    await asyncio.gather(consumer, return_exceptions=True)

    assert set(traffic.delivered) == set(traffic.published)
    assert traffic.refusals > 0, "the outage never reached the publisher"
    assert backlog > 0, "nothing was waiting in the broker when it went down"
    return {
        "stop_s": round(stopped - stopping, 2),
        "outage_s": round(came_back - stopping, 2),
        "backlog_at_stop": backlog,
        "publish_recovery_s": round(traffic.first_after(traffic.confirmed_at, came_back), 2),
        "delivery_recovery_s": round(traffic.first_after(traffic.delivered_at, came_back), 2),
        "messages": len(traffic.published),
        "refused_publications": traffic.refusals,
        "duplicates_before_dedup": len(traffic.delivered) - len(set(traffic.delivered)),
    }


@pytest.fixture
async def private_redis(tmp_path: Path) -> AsyncIterator[PrivateRedis]:
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.fixture
async def private_rabbitmq(tmp_path: Path) -> AsyncIterator[PrivateRabbitMq]:
    server = PrivateRabbitMq(tmp_path)
    await asyncio.to_thread(server.start)
    yield server
    server.kill()


async def close_clients(backend: Backend) -> None:
    for client in backend.clients:
        await client.aclose()


@pytest.mark.slow
async def test_nothing_is_lost_when_redis_crashes_and_restarts_during_a_burst(
    private_redis: PrivateRedis,
) -> None:
    backend = Backend("redis", private_redis.url)
    try:
        figures = await burst_across_an_outage(backend, private_redis.kill, private_redis.start)
    finally:
        await close_clients(backend)
    print(f"\nRedis outage: {figures}")


@pytest.mark.slow
@pytest.mark.timeout(600)  # two starts of a RabbitMQ node on a loaded machine
async def test_nothing_is_lost_when_rabbitmq_stops_and_restarts_during_a_burst(
    private_rabbitmq: PrivateRabbitMq,
) -> None:
    backend = Backend("rabbitmq", private_rabbitmq.url)
    try:
        figures = await burst_across_an_outage(
            backend, private_rabbitmq.stop, private_rabbitmq.start
        )
    finally:
        await close_clients(backend)
    print(f"\nRabbitMQ outage: {figures}")


@pytest.mark.parametrize(
    "broker",
    [
        lambda: RabbitMqBroker("amqp://guest:guest@127.0.0.1:1/", timeout_seconds=2),
        lambda: RedisStreamsBroker.from_url("redis://127.0.0.1:1/0"),
    ],
    ids=["rabbitmq", "redis"],
)
async def test_publishing_to_an_unreachable_broker_is_refused_as_unavailable(
    broker: Callable[[], MessageBroker],
) -> None:
    unreachable = broker()
    try:
        # Refused rather than retried until it answers (a wait forever would hit the timeout).
        with pytest.raises(BrokerUnavailable):
            await unreachable.publish(BrokerMessage("m-1", "event.created", b"{}"))
    finally:
        await unreachable.aclose()


async def consumer_started_while_down(
    backend: Backend, stop_server: Callable[[], None], start_server: Callable[[], None]
) -> None:
    await asyncio.to_thread(stop_server)
    inbox = Traffic()
    consumer = asyncio.create_task(backend.client().consume(backend.queue(), ["#"], inbox.handle))
    await asyncio.sleep(1.5)
    assert not consumer.done()
    await asyncio.to_thread(start_server)
    await backend.attached(backend.queues[-1])
    await backend.client().publish(BrokerMessage("late-1", "event.created", b"{}"))
    await eventually(lambda: inbox.delivered == ["late-1"], 30)
    consumer.cancel()
    await asyncio.gather(consumer, return_exceptions=True)


@pytest.mark.slow
async def test_a_redis_consumer_started_while_redis_is_down_consumes_once_it_is_up(
    private_redis: PrivateRedis,
) -> None:
    backend = Backend("redis", private_redis.url)
    try:
        await consumer_started_while_down(backend, private_redis.kill, private_redis.start)
    finally:
        await close_clients(backend)


@pytest.mark.slow
@pytest.mark.timeout(600)  # two starts of a RabbitMQ node on a loaded machine
async def test_a_rabbitmq_consumer_started_while_rabbitmq_is_down_consumes_once_it_is_up(
    private_rabbitmq: PrivateRabbitMq,
) -> None:
    backend = Backend("rabbitmq", private_rabbitmq.url)
    try:
        await consumer_started_while_down(backend, private_rabbitmq.stop, private_rabbitmq.start)
    finally:
        await close_clients(backend)


@pytest.mark.slow
@pytest.mark.timeout(600)  # two starts of a RabbitMQ node on a loaded machine
async def test_a_message_being_handled_when_rabbitmq_stops_is_handled_to_its_end_then_again(
    private_rabbitmq: PrivateRabbitMq,
) -> None:
    """A handler cut off half-way could have stored a notification but not pushed it; the
    redelivery is then dropped as a repeat, and the push never happens."""
    backend = Backend("rabbitmq", private_rabbitmq.url)
    handling, release = asyncio.Event(), asyncio.Event()
    deliveries: list[str] = []
    finished: list[str] = []

    async def handle(message: BrokerMessage) -> None:
        deliveries.append(message.id)
        if len(deliveries) == 1:
            handling.set()
            await release.wait()  # still at work when the broker goes away
        finished.append(message.id)

    queue = backend.queue()
    consumer = asyncio.create_task(backend.client().consume(queue, ["event.*"], handle))
    try:
        await backend.attached(queue)
        await backend.client().publish(BrokerMessage("m-1", "event.created", b"{}"))
        await asyncio.wait_for(handling.wait(), 60)
        await asyncio.to_thread(private_rabbitmq.stop)
        release.set()
        await eventually(lambda: finished == ["m-1"], 30, "the first handling to end")
        await asyncio.to_thread(private_rabbitmq.start)
        # Its acknowledgement went down with the connection: the broker delivers it again.
        await eventually(lambda: finished == ["m-1", "m-1"], 120, "the second delivery")
    finally:
        consumer.cancel()
        await asyncio.gather(consumer, return_exceptions=True)
        await close_clients(backend)
