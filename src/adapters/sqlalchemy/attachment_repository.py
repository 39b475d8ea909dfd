from collections.abc import Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.adapters.sqlalchemy.tables import attachments, events
from boxoffice.domain.attachments import Attachment, FileKind, content_key


class SqlAlchemyAttachmentRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, attachment: Attachment) -> None:
        await self._conn.execute(
            insert(attachments).values(
                id=attachment.id,
                event_id=attachment.event_id,
                name=attachment.name,
                content_type=attachment.kind.value,
                size=attachment.size,
                sha256=attachment.sha256,
                uploaded_by=attachment.uploaded_by,
                created_at=attachment.created_at,
            )
        )

    async def get(self, event_id: UUID, attachment_id: UUID) -> Attachment | None:
        statement = select(attachments).where(
            attachments.c.id == attachment_id, attachments.c.event_id == event_id
        )
        row = (await self._conn.execute(statement)).first()
        return None if row is None else _attachment(row)

    async def list_for_event(self, event_id: UUID) -> list[Attachment]:
        statement = (
            select(attachments)
            .where(attachments.c.event_id == event_id)
            .order_by(attachments.c.created_at, attachments.c.id)
        )
        return [_attachment(row) for row in await self._conn.execute(statement)]

    async def delete(self, attachment_id: UUID) -> None:
        await self._conn.execute(
            update(events).where(events.c.attachment_id == attachment_id).values(attachment_id=None)
        )
        await self._conn.execute(delete(attachments).where(attachments.c.id == attachment_id))

    async def keys_for_event(self, event_id: UUID) -> set[str]:
        statement = select(attachments.c.sha256).where(attachments.c.event_id == event_id)
        return {content_key(sha) for sha in await self._conn.scalars(statement)}

    async def keys_in_use(self, keys: Iterable[str]) -> set[str]:
        by_sha = {key.rpartition("/")[2]: key for key in keys}
        if not by_sha:
            return set()
        statement = select(attachments.c.sha256).where(attachments.c.sha256.in_(by_sha)).distinct()
        return {by_sha[sha] for sha in await self._conn.scalars(statement)}


def _attachment(row: Row[Any]) -> Attachment:
    return Attachment(
        id=row.id,
        event_id=row.event_id,
        name=row.name,
        kind=FileKind(row.content_type),
        size=row.size,
        sha256=row.sha256,
        created_at=row.created_at,
        uploaded_by=row.uploaded_by,
    )
