"""RabbitMQ through aio-pika: a durable topic exchange, a durable quorum queue per consuming
service with its dead-letter queue, persistent messages and publisher confirms.

A confirm alone does not mean a queue holds the message: RabbitMQ also confirms a message it
routed to no queue, having dropped it. So every message is mandatory: one that no queue is bound
for comes back, and `publish` refuses it as unavailable. The outbox keeps it until a consuming
service has declared its queue.

RabbitMQ's classic queues do not count redeliveries, so each service's queue is a quorum queue:
its `x-delivery-limit` counts failed deliveries on the broker itself (across consumers and
restarts) and dead-letters a message once they run out, with no retry header to maintain."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress

import aio_pika
from aio_pika.abc import (
    AbstractChannel,
    AbstractExchange,
    AbstractIncomingMessage,
    AbstractQueue,
    AbstractRobustConnection,
)
from aiormq.exceptions import AMQPError, ChannelInvalidStateError, PublishError
from loguru import logger

from boxoffice.application.ports.message_broker import (
    BrokerMessage,
    BrokerUnavailable,
    MessageHandler,
)

DEFAULT_EXCHANGE = "boxoffice.events"
MAX_DELIVERIES = 5
MAX_BACKOFF_SECONDS = 10.0

# What a lost, refused or unconfirmed broker connection raises; asyncio.timeout raises TimeoutError.
UNAVAILABLE = (AMQPError, ChannelInvalidStateError, OSError, TimeoutError)


class RabbitMqBroker:
    def __init__(
        self,
        url: str,
        exchange: str = DEFAULT_EXCHANGE,
        *,
        max_deliveries: int = MAX_DELIVERIES,
        prefetch: int = 50,
        timeout_seconds: float = 5.0,
        reconnect_seconds: float = 1.0,
    ) -> None:
        self._url = url
        self._exchange_name = exchange
        self._max_deliveries = max_deliveries
        self._prefetch = prefetch
        self._timeout = timeout_seconds
        self._reconnect = reconnect_seconds
        self._connection: AbstractRobustConnection | None = None
        self._connecting = asyncio.Lock()
        self._publishing: AbstractExchange | None = None
        self._opening_publisher = asyncio.Lock()

    async def _connect(self) -> AbstractRobustConnection:
        """One robust connection per broker object: once up, aio-pika reconnects it every
        `reconnect_seconds` and restores its channels, declarations and consumers."""
        async with self._connecting:
            if self._connection is None:
                self._connection = await aio_pika.connect_robust(
                    self._url, timeout=self._timeout, reconnect_interval=self._reconnect
                )
            return self._connection

    async def _declare_exchange(self, channel: AbstractChannel) -> AbstractExchange:
        return await channel.declare_exchange(
            self._exchange_name, aio_pika.ExchangeType.TOPIC, durable=True
        )

    async def publish(self, message: BrokerMessage) -> None:
        outgoing = aio_pika.Message(
            message.body,
            message_id=message.id,
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        )
        try:
            async with asyncio.timeout(self._timeout):
                exchange = await self._publisher()
                await exchange.publish(outgoing, routing_key=message.routing_key, mandatory=True)
        except PublishError as e:
            raise BrokerUnavailable(
                f"RabbitMQ has no queue for message {message.id} ({message.routing_key})"
            ) from e
        except UNAVAILABLE as e:
            raise BrokerUnavailable(f"RabbitMQ did not confirm message {message.id}") from e

    async def _publisher(self) -> AbstractExchange:
        async with self._opening_publisher:
            if self._publishing is None:
                connection = await self._connect()
                channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
                self._publishing = await self._declare_exchange(channel)
            return self._publishing

    async def consume(
        self, queue: str, routing_keys: Sequence[str], handler: MessageHandler
    ) -> None:
        in_flight: set[asyncio.Task[None]] = set()

        async def deliver(incoming: AbstractIncomingMessage) -> None:
            # aiormq cancels this callback when the channel closes (a broker restart). Cut off
            # half-way, a handler may have done part of its work (stored a notification but
            # not pushed it), and the redelivery is dropped as a repeat. So the handling runs
            # to its end in a task of its own; only its ack is lost, and the broker delivers
            # the message again.
            handling = asyncio.create_task(_settle(incoming, handler))
            in_flight.add(handling)
            handling.add_done_callback(in_flight.discard)
            await asyncio.shield(handling)

        channel = await self._start_consuming(queue, routing_keys, deliver)
        try:
            await asyncio.Future()  # the robust channel consumes until this is cancelled
        finally:
            await _finish(in_flight, self._timeout)
            with suppress(*UNAVAILABLE):
                await channel.close()  # unacknowledged messages go back to the queue

    async def _start_consuming(
        self,
        queue: str,
        routing_keys: Sequence[str],
        deliver: Callable[[AbstractIncomingMessage], Awaitable[None]],
    ) -> AbstractChannel:
        """Waits, with a growing pause, until the broker answers, then declares the queue and
        consumes it; from then on the robust channel restores both after each reconnection."""
        pause = self._reconnect
        while True:
            channel: AbstractChannel | None = None
            try:
                async with asyncio.timeout(self._timeout):
                    channel = await (await self._connect()).channel()
                    await channel.set_qos(prefetch_count=self._prefetch)
                    declared = await self._declare_queue(channel, queue, routing_keys)
                    await declared.consume(deliver)
                    return channel
            except UNAVAILABLE as e:
                logger.warning("RabbitMQ unavailable for queue {} ({!r}), retrying", queue, e)
                if channel is not None:
                    with suppress(*UNAVAILABLE):
                        await channel.close()
                await asyncio.sleep(pause)
                pause = min(pause * 2, MAX_BACKOFF_SECONDS)

    async def _declare_queue(
        self, channel: AbstractChannel, queue: str, routing_keys: Sequence[str]
    ) -> AbstractQueue:
        dead = f"{queue}.dead"
        dead_exchange = await channel.declare_exchange(
            dead, aio_pika.ExchangeType.FANOUT, durable=True
        )
        await (await channel.declare_queue(dead, durable=True)).bind(dead_exchange)
        declared = await channel.declare_queue(
            queue,
            durable=True,
            arguments={
                "x-queue-type": "quorum",
                # failed deliveries allowed before dead-lettering: the last one is the limit + 1
                "x-delivery-limit": self._max_deliveries - 1,
                "x-dead-letter-exchange": dead,
            },
        )
        exchange = await self._declare_exchange(channel)
        for routing_key in routing_keys:
            await declared.bind(exchange, routing_key)
        return declared

    async def aclose(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None
            self._publishing = None


async def _finish(handlings: set[asyncio.Task[None]], grace_seconds: float) -> None:
    """Lets the handlings under way end, for `grace_seconds` at most, and cancels the rest."""
    if not handlings:
        return
    _, late = await asyncio.wait(set(handlings), timeout=grace_seconds)
    for task in late:
        task.cancel()
    await asyncio.gather(*late, return_exceptions=True)


async def _settle(incoming: AbstractIncomingMessage, handler: MessageHandler) -> None:
    message = BrokerMessage(incoming.message_id or "", incoming.routing_key or "", incoming.body)
    try:
        try:
            await handler(message)
        except Exception:
            logger.opt(exception=True).warning("message {} failed", message.id)
            await incoming.nack(requeue=True)
        else:
            await incoming.ack()
    except UNAVAILABLE:
        # The channel went away with the message unacknowledged: the broker redelivers it.
        logger.info("message {} not settled, the broker will deliver it again", message.id)
