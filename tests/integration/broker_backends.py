"""The brokers under contract: each one with a way to open more clients of the same broker (as
other processes would), to wait until a consumer is attached, and to read its dead letters."""

import asyncio
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aio_pika
import pytest
from redis.asyncio import Redis
from redis.typing import StreamRangeResponse

from boxoffice.adapters.messaging.memory import InMemoryBroker
from boxoffice.adapters.messaging.rabbitmq import RabbitMqBroker
from boxoffice.adapters.messaging.redis_streams import RedisStreamsBroker
from boxoffice.application.ports.message_broker import BrokerMessage, MessageBroker
from tests.conftest import ON_CI, must_be_marked, require_redis

RABBITMQ_URL = os.environ.get("BOXOFFICE_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/")
MAX_DELIVERIES = 3
PREFIX = "test_brk_"


def rabbitmq_reachable(url: str = RABBITMQ_URL) -> bool:
    address = urlsplit(url)
    try:
        with socket.create_connection((address.hostname, address.port or 5672), timeout=3):
            return True
    except OSError:
        return False


def require_rabbitmq() -> str:
    """Skip when RabbitMQ is missing on a developer machine; fail on CI, where it is required."""
    must_be_marked("rabbitmq", "RabbitMQ")
    if rabbitmq_reachable():
        return RABBITMQ_URL
    if ON_CI:
        pytest.fail(f"RabbitMQ is required on CI but {RABBITMQ_URL} does not answer")
    pytest.skip(f"RabbitMQ not reachable at {RABBITMQ_URL}")


def unique(label: str) -> str:
    return f"{PREFIX}{label}_{uuid.uuid4().hex[:10]}"


@dataclass
class Backend:
    """One broker under test, its topology named uniquely for one test and removed after it."""

    kind: str
    url: str = ""
    topic: str = field(default_factory=lambda: unique("events"))  # exchange or stream
    queues: list[str] = field(default_factory=list)
    clients: list[MessageBroker] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)

    def queue(self, label: str = "q") -> str:
        self.queues.append(unique(label))
        return self.queues[-1]

    def client(self) -> MessageBroker:
        """A client of the broker; the in-process broker has one, shared by everyone."""
        if self.kind == "memory":
            if not self.clients:
                self.clients.append(InMemoryBroker(max_deliveries=MAX_DELIVERIES))
            return self.clients[0]
        broker: MessageBroker
        if self.kind == "rabbitmq":
            broker = RabbitMqBroker(self.url, self.topic, max_deliveries=MAX_DELIVERIES)
        else:
            broker = RedisStreamsBroker.from_url(
                self.url, self.topic, max_deliveries=MAX_DELIVERIES, **self.options
            )
        self.clients.append(broker)
        return broker

    async def attached(self, queue: str, consumers: int = 1) -> None:
        """Returns once `consumers` consumers read `queue`, so what is published now reaches it."""
        deadline = time.monotonic() + 30
        while await self._consumer_count(queue) < consumers:
            assert time.monotonic() < deadline, f"{consumers} consumers never attached to {queue}"
            await asyncio.sleep(0.05)

    async def _consumer_count(self, queue: str) -> int:
        if self.kind == "memory":
            await asyncio.sleep(0)  # consume() binds its queue before it first waits
            return 1_000
        if self.kind == "rabbitmq":
            async with self._rabbit_channel() as channel:
                try:
                    declared = await channel.declare_queue(queue, passive=True)
                except aio_pika.exceptions.ChannelClosed:
                    return 0
                return int(declared.declaration_result.consumer_count or 0)
        # Once its group exists the stream keeps every later message for the queue, whether or
        # not a consumer is blocked on it yet (Redis only lists a consumer once it has read).
        async with self._redis() as client:
            groups = (
                await client.xinfo_groups(self.topic) if await client.exists(self.topic) else []
            )
            return 1_000 if any(g["name"].decode() == queue for g in groups) else 0

    async def dead_letters(self, queue: str) -> list[BrokerMessage]:
        if self.kind == "memory":
            memory = self.clients[0]
            assert isinstance(memory, InMemoryBroker)
            return list(memory.dead_letters)
        if self.kind == "rabbitmq":
            return await self._rabbit_dead_letters(queue)
        async with self._redis() as client:
            entries = await client.xrange(f"{self.topic}:dead:{queue}")
        return [
            BrokerMessage(f[b"id"].decode(), f[b"routing_key"].decode(), f[b"body"])
            for f in entry_fields(entries)
        ]

    async def _rabbit_dead_letters(self, queue: str) -> list[BrokerMessage]:
        found = []
        async with self._rabbit_channel() as channel:
            dead = await channel.declare_queue(f"{queue}.dead", passive=True)
            while (incoming := await dead.get(no_ack=True, fail=False)) is not None:
                found.append(
                    BrokerMessage(
                        incoming.message_id or "", incoming.routing_key or "", incoming.body
                    )
                )
        return found

    @asynccontextmanager
    async def _rabbit_channel(self) -> AsyncIterator[aio_pika.abc.AbstractChannel]:
        connection = await aio_pika.connect(self.url, timeout=5)
        try:
            yield await connection.channel()
        finally:
            await connection.close()

    @asynccontextmanager
    async def _redis(self) -> AsyncIterator["Redis"]:
        client = Redis.from_url(self.url)
        try:
            yield client
        finally:
            await client.aclose()

    async def remove(self) -> None:
        for broker in self.clients:
            await broker.aclose()
        if self.kind == "rabbitmq":
            await self._remove_rabbit_topology()
        elif self.kind == "redis":
            async with self._redis() as client:
                await client.delete(self.topic, *(f"{self.topic}:dead:{q}" for q in self.queues))

    async def _remove_rabbit_topology(self) -> None:
        async with self._rabbit_channel() as channel:
            for queue in self.queues:
                await channel.queue_delete(queue)
                await channel.queue_delete(f"{queue}.dead")
                await channel.exchange_delete(f"{queue}.dead")
            await channel.exchange_delete(self.topic)


def backend_for(kind: str, **options: Any) -> Backend:
    if kind == "rabbitmq":
        return Backend(kind, require_rabbitmq())
    if kind == "redis":
        return Backend(kind, require_redis(), options=options)
    return Backend(kind)


async def eventually(check: Callable[[], bool], within: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + within
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what or check}"
        await asyncio.sleep(0.02)


def entry_fields(entries: StreamRangeResponse | None) -> list[dict[bytes, bytes]]:
    """The fields of each stream entry, as a client that does not decode responses reads them."""
    assert entries is not None, "XRANGE answers a list, empty for a stream that does not exist"
    read = []
    for _, fields in entries:
        assert fields is not None, "only XAUTOCLAIM reports deleted entries"
        entry = {}
        for key, value in fields.items():
            assert isinstance(key, bytes), "the client does not decode responses"
            assert isinstance(value, bytes), "the client does not decode responses"
            entry[key] = value
        read.append(entry)
    return read
