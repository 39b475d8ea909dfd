"""A MessageBroker that records what it took and can be switched off, as a broker outage."""

import asyncio
from collections import Counter
from collections.abc import Sequence

from boxoffice.application.ports.message_broker import (
    BrokerMessage,
    BrokerUnavailable,
    MessageHandler,
)


class RecordingBroker:
    def __init__(self, publish_seconds: float = 0.0) -> None:
        self.published: list[BrokerMessage] = []
        self.down = False
        self.fail_after: int | None = None  # goes down after this many more publications
        self._publish_seconds = publish_seconds

    async def publish(self, message: BrokerMessage) -> None:
        await asyncio.sleep(self._publish_seconds)  # a real broker's confirm takes a while
        if self.fail_after is not None:
            if self.fail_after == 0:
                self.down = True
            self.fail_after -= 1
        if self.down:
            raise BrokerUnavailable("the broker is down")
        self.published.append(message)

    async def consume(
        self, queue: str, routing_keys: Sequence[str], handler: MessageHandler
    ) -> None:
        raise NotImplementedError("this broker only records publications")

    async def aclose(self) -> None:
        return None

    def times_published(self) -> Counter[str]:
        return Counter(message.id for message in self.published)
