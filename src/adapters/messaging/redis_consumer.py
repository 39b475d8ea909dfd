"""One consumer of a Redis stream inside its service's consumer group."""

import asyncio
import os
import socket
import uuid
from typing import Any

from loguru import logger
from redis.asyncio import Redis
from redis.exceptions import ConnectionError, ResponseError, TimeoutError
from redis.typing import EncodableT, FieldT

from boxoffice.adapters.messaging.memory import matches
from boxoffice.application.ports.message_broker import BrokerMessage, MessageHandler

BATCH = 50
RETRY_PAUSE_MS = 100
MAX_BACKOFF_SECONDS = 10.0

Entry = tuple[bytes, dict[bytes, bytes]]


class StreamConsumer:
    def __init__(
        self,
        client: "Redis",
        stream: str,
        group: str,
        routing_keys: tuple[str, ...],
        handler: MessageHandler,
        *,
        max_deliveries: int,
        claim_idle_seconds: float,
        block_seconds: float,
    ) -> None:
        self._client = client
        self._stream = stream
        self._group = group
        self._dead_letters = f"{stream}:dead:{group}"
        self._routing_keys = routing_keys
        self._handler = handler
        self._max_deliveries = max_deliveries
        self._claim_idle_ms = int(claim_idle_seconds * 1000)
        self._block_ms = int(block_seconds * 1000)
        # Unique per consume() call: a restarted process never inherits a dead one's entries
        # by name; it reclaims them once they have been idle for claim_idle_seconds.
        self._name = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._has_pending = False
        self._next_claim = 0.0

    async def run(self) -> None:
        """Reads until cancelled; waits with a growing pause while Redis is unreachable."""
        pause = 0.1
        while True:
            try:
                await self._declare_group()
                while True:
                    _stop_if_cancelled()
                    await self._step()
                    pause = 0.1
            except (ConnectionError, TimeoutError) as e:
                _stop_if_cancelled()
                logger.warning(
                    "Redis unavailable for {} ({}), retry in {} s", self._group, e, pause
                )
                self._has_pending = True  # what it read before it lost Redis is still pending
                await asyncio.sleep(pause)
                pause = min(pause * 2, MAX_BACKOFF_SECONDS)
            except ResponseError as e:
                if "NOGROUP" not in str(e):
                    raise
                logger.warning("consumer group {} lost with Redis's data", self._group)

    async def _declare_group(self) -> None:
        # `$`: like a queue bound to an exchange, the group receives what is published from
        # its creation on; `0` would replay the whole capped history into a new service.
        try:
            await self._client.xgroup_create(self._stream, self._group, "$", mkstream=True)
        except ResponseError as e:
            if "BUSYGROUP" not in str(e):
                raise

    async def _step(self) -> None:
        now = asyncio.get_running_loop().time()
        if now >= self._next_claim:
            await self._claim_idle_entries()
            self._next_claim = now + self._claim_idle_ms / 2000
        if self._has_pending:
            await self._handle(await self._read("0"), await self._delivery_counts())
        await self._handle(await self._read(">"), {})

    async def _claim_idle_entries(self) -> None:
        """Takes over entries another consumer received but never acknowledged (it died, or
        lost its connection) once they have been idle long enough; JUSTID leaves their
        delivery count alone, the next read of this consumer's pending entries counts it."""
        claimed = await self._client.xautoclaim(
            self._stream, self._group, self._name, self._claim_idle_ms, count=BATCH, justid=True
        )
        if claimed:
            logger.info("group {} reclaimed {} idle entries", self._group, len(claimed))
            self._has_pending = True

    async def _read(self, start: str) -> list[Entry]:
        """`>`: new entries, waiting up to block_seconds (a little while only when failed
        entries wait for their next try); `0`: this consumer's pending entries."""
        waiting = min(self._block_ms, RETRY_PAUSE_MS) if self._has_pending else self._block_ms
        block = waiting if start == ">" else None
        reply: Any = await self._client.xreadgroup(
            self._group, self._name, {self._stream: start}, count=BATCH, block=block
        )
        entries: list[Entry] = reply[0][1] if reply else []
        if start == "0" and not entries:
            self._has_pending = False
        return entries

    async def _delivery_counts(self) -> dict[bytes, int]:
        pending: list[dict[str, Any]] = await self._client.xpending_range(
            self._stream, self._group, min="-", max="+", count=BATCH, consumername=self._name
        )
        return {p["message_id"]: int(p["times_delivered"]) for p in pending}

    async def _handle(self, entries: list[Entry], counts: dict[bytes, int]) -> None:
        for entry_id, fields in entries:
            if not fields:  # trimmed from the stream before it was acknowledged
                await self._client.xack(self._stream, self._group, entry_id)
                continue
            message = _message(fields)
            if message is None or counts.get(entry_id, 1) > self._max_deliveries:
                await self._dead_letter(entry_id, fields)
            elif not matches(self._routing_keys, message.routing_key):
                await self._client.xack(self._stream, self._group, entry_id)
            else:
                await self._deliver(entry_id, message)

    async def _deliver(self, entry_id: bytes, message: BrokerMessage) -> None:
        try:
            await self._handler(message)
        except Exception:
            logger.opt(exception=True).warning("message {} failed", message.id)
            self._has_pending = True  # read again from this consumer's pending entries
            return
        await self._client.xack(self._stream, self._group, entry_id)

    async def _dead_letter(self, entry_id: bytes, fields: dict[bytes, bytes]) -> None:
        logger.warning("message {!r} dead-lettered to {}", fields.get(b"id"), self._dead_letters)
        async with self._client.pipeline(transaction=True) as moving:
            moved: dict[FieldT, EncodableT] = dict(fields.items())
            moving.xadd(self._dead_letters, moved)
            moving.xack(self._stream, self._group, entry_id)
            await moving.execute()


def _stop_if_cancelled() -> None:
    """redis-py can absorb a cancel() that cuts a blocking read short, or report it as a
    timeout or a lost connection: the task's pending cancellation request still tells."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


def _message(fields: dict[bytes, bytes]) -> BrokerMessage | None:
    try:
        return BrokerMessage(
            fields[b"id"].decode(), fields[b"routing_key"].decode(), fields[b"body"]
        )
    except (KeyError, UnicodeDecodeError):
        return None
