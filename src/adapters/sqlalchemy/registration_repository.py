from uuid import UUID

from sqlalchemy import exists, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.adapters.sqlalchemy.errors import violates
from boxoffice.adapters.sqlalchemy.paging import fetch_page
from boxoffice.adapters.sqlalchemy.tables import registrations
from boxoffice.application.errors import EventNotFound
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.domain.errors import AlreadyRegistered
from boxoffice.domain.registrations import Registration


class SqlAlchemyRegistrationRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def add(self, registration: Registration) -> None:
        values = {
            "id": registration.id,
            "event_id": registration.event_id,
            "name": registration.name,
            "email": registration.email,
            "registered_at": registration.registered_at,
            "user_id": registration.user_id,
        }
        try:
            await self._conn.execute(insert(registrations).values(values))
        except IntegrityError as e:
            if violates(e, "uq_registrations_event_id_email_lower"):
                raise AlreadyRegistered from e
            # SQLite does not name the foreign key. The user's can only be the event's: users
            # are never deleted, and the event was read in this transaction.
            if violates(e, "fk_registrations_event_id_events", "FOREIGN KEY constraint failed"):
                # A racing request deleted the event after this transaction read it.
                raise EventNotFound from e
            raise

    async def list_for_event(self, event_id: UUID, page: PageRequest) -> Page[Registration]:
        query = (
            select(registrations)
            .where(registrations.c.event_id == event_id)
            .order_by(registrations.c.registered_at, registrations.c.id)
        )
        rows, total = await fetch_page(self._conn, query, page)
        items = [
            Registration(r.id, r.event_id, r.name, r.email, r.registered_at, r.user_id)
            for r in rows
        ]
        return Page(items, page.page, page.size, total)

    async def any_for_event(self, event_id: UUID) -> bool:
        query = select(exists().where(registrations.c.event_id == event_id))
        return bool(await self._conn.scalar(query))
