"""What only the Redis Streams broker does: its cap, where a new group starts, odd entries."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from boxoffice.adapters.messaging.redis_streams import RedisStreamsBroker
from tests.conftest import require_redis
from tests.integration.broker_backends import Backend, entry_fields, unique
from tests.integration.broker_inbox import Inbox, consuming, message, publish_all

pytestmark = pytest.mark.redis


@pytest.fixture
async def client() -> AsyncIterator["Redis"]:
    redis = Redis.from_url(require_redis())
    yield redis
    await redis.aclose()


@pytest.fixture
async def stream(client: "Redis") -> AsyncIterator[str]:
    name = unique("stream")
    yield name
    await client.delete(name, *[key async for key in client.scan_iter(f"{name}:dead:*")])


async def test_the_stream_is_trimmed_near_its_cap(client: "Redis", stream: str) -> None:
    broker = RedisStreamsBroker(Redis.from_url(require_redis()), stream, max_length=100)
    try:
        await publish_all(broker, [message(n) for n in range(1_000)])
    finally:
        await broker.aclose()

    # MAXLEN ~ trims whole radix-tree nodes (100 entries each by default), never below the cap
    assert 100 <= await client.xlen(stream) <= 200


async def test_a_new_queue_starts_with_what_is_published_after_it_is_declared(
    stream: str,
) -> None:
    broker = RedisStreamsBroker(Redis.from_url(require_redis()), stream)
    inbox, queue = Inbox(), unique("q")
    try:
        await publish_all(broker, [message(n) for n in range(5)])
        async with consuming(broker, queue, ["#"], inbox):
            await Backend("redis", require_redis(), stream).attached(queue)
            await broker.publish(message("after"))
            for _ in range(100):
                if inbox.received:
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.3)
    finally:
        await broker.aclose()

    assert inbox.ids() == ["m-after"]


async def test_an_entry_that_is_not_a_message_is_dead_lettered(
    client: "Redis", stream: str
) -> None:
    broker = RedisStreamsBroker(Redis.from_url(require_redis()), stream)
    inbox, queue = Inbox(), unique("q")
    try:
        async with consuming(broker, queue, ["#"], inbox):
            await Backend("redis", require_redis(), stream).attached(queue)
            await client.xadd(stream, {"something": "else"})
            await broker.publish(message(1))
            for _ in range(100):
                if inbox.received and await client.xlen(f"{stream}:dead:{queue}"):
                    break
                await asyncio.sleep(0.05)
    finally:
        await broker.aclose()

    assert inbox.ids() == ["m-1"]
    dead = await client.xrange(f"{stream}:dead:{queue}")
    assert entry_fields(dead) == [{b"something": b"else"}]
