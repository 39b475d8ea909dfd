"""Test helpers for brokers: a recording handler, a consumer task, numbered messages."""

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from boxoffice.application.ports.message_broker import BrokerMessage, MessageBroker


class Inbox:
    """A handler that records what it receives (and can be told to fail some messages)."""

    def __init__(self, fail: Sequence[str] = (), fail_times: int = 1_000, pause: float = 0) -> None:
        self.received: list[BrokerMessage] = []
        self._fail = set(fail)
        self._fail_times = fail_times
        self._pause = pause

    async def __call__(self, message: BrokerMessage) -> None:
        self.received.append(message)
        if self._pause:
            await asyncio.sleep(self._pause)
        if message.id in self._fail and self.count(message.id) <= self._fail_times:
            raise RuntimeError(f"handler failed on {message.id}")

    def ids(self) -> list[str]:
        return [m.id for m in self.received]

    def count(self, message_id: str) -> int:
        return self.ids().count(message_id)


@asynccontextmanager
async def consuming(
    broker: MessageBroker, queue: str, keys: Sequence[str], inbox: Inbox
) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(broker.consume(queue, keys, inbox))
    try:
        yield task
    finally:
        await stop(task)


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    await asyncio.wait_for(asyncio.gather(task, return_exceptions=True), 10)


def message(n: int | str, routing_key: str = "event.created") -> BrokerMessage:
    return BrokerMessage(f"m-{n}", routing_key, f'{{"n": "{n}"}}'.encode())


async def publish_all(broker: MessageBroker, messages: Sequence[BrokerMessage]) -> None:
    for each in messages:
        await broker.publish(each)
