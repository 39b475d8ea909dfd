"""Notifications in SQL: one row per message, recipients as rows, read state per user.

Every statement runs on the connection of the unit of work's transaction, which commits.
"""

from typing import Any
from uuid import UUID

from sqlalchemy import Row, exists, func, or_, select, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from boxoffice.adapters.sqlalchemy.notification_tables import (
    notification_read_marks,
    notification_reads,
    notification_recipients,
    notifications,
)
from boxoffice.adapters.sqlalchemy.paging import fetch_page
from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.models.notifications import HistoryItem, Notification
from boxoffice.application.models.pagination import Page, PageRequest

n = notifications


def _dialect(conn: AsyncConnection) -> Any:
    return postgresql if conn.dialect.name == "postgresql" else sqlite


def _concerns(user_id: UUID) -> ColumnElement[bool]:
    """The notification is for everyone or names the user among its recipients."""
    named = exists().where(
        notification_recipients.c.notification_id == n.c.id,
        notification_recipients.c.user_id == user_id,
    )
    return or_(n.c.for_everyone == true(), named)


def _is_read(user_id: UUID) -> ColumnElement[bool]:
    watermark = (
        select(notification_read_marks.c.read_up_to)
        .where(notification_read_marks.c.user_id == user_id)
        .scalar_subquery()
    )
    single = exists().where(
        notification_reads.c.user_id == user_id, notification_reads.c.notification_id == n.c.id
    )
    return or_(n.c.id <= func.coalesce(watermark, 0), single)


def _to_notification(row: Row[Any], recipients: frozenset[UUID] = frozenset()) -> Notification:
    return Notification(
        id=row.id,
        event_id=row.event_id,
        action=ChangeAction(row.action),
        title=row.title,
        actor=row.actor,
        occurred_at=row.occurred_at,
        for_everyone=row.for_everyone,
        creator_id=row.creator_id,
        recipients=recipients,
    )


class SqlAlchemyNotificationStore:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def record(self, change: EventChange) -> Notification | None:
        insert = (
            _dialect(self._conn)
            .insert(n)
            .values(
                message_id=change.id,
                event_id=change.event_id,
                action=change.action.value,
                title=change.title,
                actor=change.actor,
                occurred_at=change.occurred_at,
                for_everyone=change.recipients is None,
                creator_id=change.creator_id,
            )
            .on_conflict_do_nothing(index_elements=["message_id"])
            .returning(n.c.id)  # a row back only when it was inserted
        )
        new_id = (await self._conn.execute(insert)).scalar()
        if new_id is None:
            return None
        stored = Notification.of(new_id, change)
        named = stored.recipients | ({stored.creator_id} if stored.creator_id else set())
        if not stored.for_everyone and named:
            rows = [{"notification_id": new_id, "user_id": u} for u in sorted(named)]
            await self._conn.execute(notification_recipients.insert(), rows)
        return stored

    async def missed(self, user_id: UUID, after_id: int, limit: int) -> list[Notification]:
        statement = (
            select(n).where(n.c.id > after_id, _concerns(user_id)).order_by(n.c.id).limit(limit)
        )
        rows = (await self._conn.execute(statement)).all()
        # The recipients are not needed to send a notification to one user who it concerns.
        return [_to_notification(row, frozenset({user_id})) for row in rows]

    async def history(
        self, user_id: UUID, page: PageRequest, unread_only: bool
    ) -> Page[HistoryItem]:
        read = _is_read(user_id)
        statement = select(n, read.label("read_")).where(_concerns(user_id))
        if unread_only:
            statement = statement.where(~read)
        rows, total = await fetch_page(self._conn, statement.order_by(n.c.id.desc()), page)
        items = [HistoryItem(_to_notification(row), bool(row.read_)) for row in rows]
        return Page(items, page.page, page.size, total)

    async def mark_read(self, user_id: UUID, notification_id: int) -> bool:
        visible = select(n.c.id).where(n.c.id == notification_id, _concerns(user_id))
        if await self._conn.scalar(visible) is None:
            return False
        await self._conn.execute(
            _dialect(self._conn)
            .insert(notification_reads)
            .values(user_id=user_id, notification_id=notification_id)
            .on_conflict_do_nothing()
        )
        return True

    async def mark_all_read(self, user_id: UUID) -> None:
        latest = await self._conn.scalar(select(func.max(n.c.id)))
        if latest is None:
            return
        marks = notification_read_marks
        upsert = _dialect(self._conn).insert(marks).values(user_id=user_id, read_up_to=latest)
        await self._conn.execute(
            upsert.on_conflict_do_update(  # a racing, older "read all" never lowers it
                index_elements=["user_id"],
                set_={"read_up_to": upsert.excluded.read_up_to},
                where=marks.c.read_up_to < upsert.excluded.read_up_to,
            )
        )
        await self._conn.execute(
            notification_reads.delete().where(
                notification_reads.c.user_id == user_id,
                notification_reads.c.notification_id <= latest,
            )
        )
