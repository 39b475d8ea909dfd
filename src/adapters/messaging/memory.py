"""A broker inside one process, for the embedded default and fast tests: topic routing,
one queue per consuming service, redelivery on failure, a dead-letter list. Not durable."""

import asyncio
import re
from collections.abc import Sequence
from functools import cache

from loguru import logger

from boxoffice.application.ports.message_broker import BrokerMessage, MessageHandler

MAX_DELIVERIES = 5


@cache
def _pattern(routing_key: str) -> re.Pattern[str]:
    """AMQP topic syntax: `*` is one word, `#` is zero or more."""
    words = []
    for word in routing_key.split("."):
        words.append({"*": r"[^.]+", "#": r".*"}.get(word, re.escape(word)))
    return re.compile(r"\.".join(words).replace(r"\..*", r"(\..*)?") + r"\Z")


def matches(patterns: Sequence[str], routing_key: str) -> bool:
    return any(_pattern(p).match(routing_key) for p in patterns)


class InMemoryBroker:
    def __init__(self, max_deliveries: int = MAX_DELIVERIES) -> None:
        self._queues: dict[str, asyncio.Queue[tuple[BrokerMessage, int]]] = {}
        self._bindings: dict[str, tuple[str, ...]] = {}
        self._max_deliveries = max_deliveries
        self.dead_letters: list[BrokerMessage] = []

    async def publish(self, message: BrokerMessage) -> None:
        for name, patterns in self._bindings.items():
            if matches(patterns, message.routing_key):
                self._queues[name].put_nowait((message, 1))

    async def consume(
        self, queue: str, routing_keys: Sequence[str], handler: MessageHandler
    ) -> None:
        self._bindings[queue] = (*self._bindings.get(queue, ()), *routing_keys)
        waiting = self._queues.setdefault(queue, asyncio.Queue())
        while True:
            message, delivery = await waiting.get()
            try:
                await handler(message)
            except asyncio.CancelledError:
                waiting.put_nowait((message, delivery))
                raise
            except Exception:
                logger.opt(exception=True).warning("message {} failed", message.id)
                if delivery >= self._max_deliveries:
                    self.dead_letters.append(message)
                else:
                    waiting.put_nowait((message, delivery + 1))

    async def aclose(self) -> None:
        return None
