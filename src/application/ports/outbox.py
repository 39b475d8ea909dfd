"""Messages waiting to leave: written with the change they describe, sent by the relay."""

from collections.abc import Sequence
from typing import Protocol

from boxoffice.application.models.messages import EventChange
from boxoffice.application.ports.message_broker import BrokerMessage


class Outbox(Protocol):
    async def add(self, change: EventChange) -> None:
        """Record the message in the current transaction."""

    async def pending(self, limit: int) -> Sequence[BrokerMessage]:
        """The oldest unsent messages, in the order they were added, locked for this
        transaction so that concurrent relays take different ones (SKIP LOCKED)."""

    async def mark_sent(self, message_ids: Sequence[str]) -> None: ...
