"""The outbox table: messages written with their change, read and stamped by the relay."""

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.adapters.sqlalchemy.message_tables import outbox
from boxoffice.application.models.messages import EventChange
from boxoffice.application.ports.message_broker import BrokerMessage
from boxoffice.application.services.message_codec import encode


class SqlAlchemyOutbox:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn
        self.added = 0  # messages added in the current transaction: the unit of work reads it

    async def add(self, change: EventChange) -> None:
        message = encode(change)
        await self._conn.execute(
            insert(outbox).values(
                message_id=message.id,
                routing_key=message.routing_key,
                body=message.body,
                created_at=change.occurred_at,
            )
        )
        self.added += 1

    async def pending(self, limit: int) -> Sequence[BrokerMessage]:
        # PostgreSQL: rows another relay holds are skipped, not waited for, so concurrent
        # relays take disjoint batches. SQLite ignores the clause: its transactions are serial.
        rows = await self._conn.execute(
            select(outbox.c.message_id, outbox.c.routing_key, outbox.c.body)
            .where(outbox.c.sent_at.is_(None))
            .order_by(outbox.c.seq)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [BrokerMessage(row.message_id, row.routing_key, bytes(row.body)) for row in rows]

    async def mark_sent(self, message_ids: Sequence[str]) -> None:
        if not message_ids:
            return
        await self._conn.execute(
            update(outbox)
            .where(outbox.c.message_id.in_(list(message_ids)))
            .values(sent_at=datetime.now(UTC))
        )
