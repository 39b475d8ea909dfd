"""Redis Streams: one capped stream holds every message; each consuming service reads it through
its own consumer group, acknowledges what it handled, reclaims what a dead consumer left
pending and moves a message that keeps failing to `<stream>:dead:<queue>`.

Redis is only as durable as its persistence: run it with `appendonly yes`, or a restart loses
the stream, the groups and every message they had not yet delivered."""

from collections.abc import Sequence

from redis.asyncio import Redis
from redis.exceptions import RedisError
from redis.typing import EncodableT, FieldT

from boxoffice.adapters.messaging.redis_consumer import StreamConsumer
from boxoffice.application.ports.message_broker import (
    BrokerMessage,
    BrokerUnavailable,
    MessageHandler,
)

DEFAULT_STREAM = "boxoffice:events"
MAX_DELIVERIES = 5


class RedisStreamsBroker:
    def __init__(
        self,
        client: "Redis",
        stream: str = DEFAULT_STREAM,
        *,
        max_deliveries: int = MAX_DELIVERIES,
        max_length: int = 100_000,
        claim_idle_seconds: float = 30.0,
        block_seconds: float = 1.0,
    ) -> None:
        self._client = client
        self._stream = stream
        self._max_deliveries = max_deliveries
        self._max_length = max_length
        self._claim_idle = claim_idle_seconds
        self._block = block_seconds

    @classmethod
    def from_url(
        cls,
        url: str,
        stream: str = DEFAULT_STREAM,
        *,
        max_deliveries: int = MAX_DELIVERIES,
        claim_idle_seconds: float = 30.0,
    ) -> "RedisStreamsBroker":
        # The socket timeout outlasts the blocking read, which waits one second at most.
        client = Redis.from_url(url, socket_timeout=5.0, socket_connect_timeout=2.0)
        return cls(
            client,
            stream,
            max_deliveries=max_deliveries,
            claim_idle_seconds=claim_idle_seconds,
        )

    async def publish(self, message: BrokerMessage) -> None:
        fields: dict[FieldT, EncodableT] = {
            "id": message.id,
            "routing_key": message.routing_key,
            "body": message.body,
        }
        try:
            # An approximate cap lets Redis trim whole nodes, which is much cheaper than exact.
            await self._client.xadd(self._stream, fields, maxlen=self._max_length, approximate=True)
        except RedisError as e:
            raise BrokerUnavailable(f"Redis did not take message {message.id}") from e

    async def consume(
        self, queue: str, routing_keys: Sequence[str], handler: MessageHandler
    ) -> None:
        consumer = StreamConsumer(
            self._client,
            self._stream,
            queue,
            tuple(routing_keys),
            handler,
            max_deliveries=self._max_deliveries,
            claim_idle_seconds=self._claim_idle,
            block_seconds=self._block,
        )
        await consumer.run()

    async def aclose(self) -> None:
        await self._client.aclose()
