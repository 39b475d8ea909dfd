"""The message broker between services: publish durably, consume at least once."""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class BrokerMessage:
    id: str  # unique per message, kept across re-deliveries and re-publications
    routing_key: str  # "event.created", "event.updated", "event.deleted"
    body: bytes


MessageHandler = Callable[[BrokerMessage], Awaitable[None]]


class BrokerUnavailable(Exception):
    """The broker could not take or confirm a message; the caller keeps it and tries later."""


class MessageBroker(Protocol):
    async def publish(self, message: BrokerMessage) -> None:
        """Returns once the broker holds the message durably (publisher confirm); raises
        BrokerUnavailable otherwise. Publishing the same id twice may deliver it twice:
        consumers are idempotent by id."""

    async def consume(
        self, queue: str, routing_keys: Sequence[str], handler: MessageHandler
    ) -> None:
        """Deliver every message whose routing key matches one of `routing_keys` (`event.*`
        style patterns) to `handler`, through the durable queue `queue` shared by all
        consumers of one service (each message reaches one of them). A message is
        acknowledged when the handler returns; when it raises, the message is delivered again,
        and after a few failures it is moved aside (dead-lettered) instead of blocking the
        queue. Runs until cancelled, reconnecting with backoff when the broker goes away."""

    async def aclose(self) -> None: ...
