"""One contract for the NotificationFanout port: in-process, and Redis pub/sub between two
instances (two processes' hubs) on a real Redis."""

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable

import pytest
import redis.asyncio

from boxoffice.adapters.notifications.in_process import InProcessFanout
from boxoffice.adapters.notifications.redis_fanout import RedisFanout
from boxoffice.application.models.notifications import Notification
from boxoffice.application.ports.notifications import NotificationFanout
from tests.conftest import require_redis
from tests.fake_notifications import a_change

MakeFanout = Callable[[], NotificationFanout]


def a_channel() -> str:
    """Pub/sub channels are shared by every Redis database: a fresh name per test."""
    return f"test_ntf_{uuid.uuid4().hex}"


@pytest.fixture(params=["in-process", "redis"])
async def make_fanout(request: pytest.FixtureRequest) -> AsyncIterator[MakeFanout]:
    """Makes fan-outs that share one medium (one channel), like the processes of a service."""
    made: list[NotificationFanout] = []
    if request.param == "in-process":
        shared = InProcessFanout()
        yield lambda: shared
        await shared.aclose()
        return
    url, channel = require_redis(), a_channel()

    def make() -> NotificationFanout:
        fanout = RedisFanout.from_url(url, channel)
        made.append(fanout)
        return fanout

    yield make
    for fanout in made:
        await fanout.aclose()


def numbered(n: int) -> Notification:
    return Notification.of(n, a_change())


async def received(into: list[Notification], count: int) -> None:
    async with asyncio.timeout(5):
        while len(into) < count:  # noqa: ASYNC110 (another task fills the list)
            await asyncio.sleep(0.01)


async def test_a_published_notification_reaches_the_started_listener_intact(
    make_fanout: MakeFanout,
) -> None:
    fanout = make_fanout()
    heard: list[Notification] = []
    await fanout.start(heard.append)
    sent = Notification.of(7, a_change(recipients=(uuid.uuid4(),), creator=uuid.uuid4()))

    await fanout.publish(sent)
    await received(heard, 1)

    assert heard == [sent]


async def test_notifications_arrive_once_each_in_the_order_published(
    make_fanout: MakeFanout,
) -> None:
    fanout = make_fanout()
    heard: list[Notification] = []
    await fanout.start(heard.append)

    for n in range(1, 51):
        await fanout.publish(numbered(n))
    await received(heard, 50)
    await asyncio.sleep(0.1)

    assert [n.id for n in heard] == list(range(1, 51))


async def test_nothing_is_delivered_after_closing(make_fanout: MakeFanout) -> None:
    fanout = make_fanout()
    heard: list[Notification] = []
    await fanout.start(heard.append)
    await fanout.aclose()
    publisher = make_fanout()

    await publisher.publish(numbered(1))
    await asyncio.sleep(0.2)

    assert heard == []


@pytest.mark.redis
async def test_every_process_hears_what_any_process_publishes() -> None:
    url, channel = require_redis(), a_channel()
    first, second = (RedisFanout.from_url(url, channel) for _ in range(2))
    heard_first: list[Notification] = []
    heard_second: list[Notification] = []
    await first.start(heard_first.append)
    await second.start(heard_second.append)
    try:
        await first.publish(numbered(1))
        await second.publish(numbered(2))
        await received(heard_first, 2)
        await received(heard_second, 2)
    finally:
        await first.aclose()
        await second.aclose()

    assert sorted(n.id for n in heard_first) == [1, 2]
    assert sorted(n.id for n in heard_second) == [1, 2]


@pytest.mark.redis
async def test_a_foreign_message_on_the_channel_is_skipped_not_fatal() -> None:
    url, channel = require_redis(), a_channel()
    fanout = RedisFanout.from_url(url, channel)
    heard: list[Notification] = []
    await fanout.start(heard.append)
    client = redis.asyncio.Redis.from_url(url)
    try:
        await client.publish(channel, b"not json")
        await fanout.publish(numbered(3))
        await received(heard, 1)
    finally:
        await client.aclose()
        await fanout.aclose()

    assert [n.id for n in heard] == [3]
