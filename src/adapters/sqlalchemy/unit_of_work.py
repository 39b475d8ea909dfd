from datetime import datetime
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from boxoffice.adapters.sqlalchemy.attachment_repository import SqlAlchemyAttachmentRepository
from boxoffice.adapters.sqlalchemy.booking_repository import SqlAlchemyBookingRepository
from boxoffice.adapters.sqlalchemy.errors import outages_as_unavailable
from boxoffice.adapters.sqlalchemy.event_repository import SqlAlchemyEventRepository
from boxoffice.adapters.sqlalchemy.market_sync_repository import SqlAlchemyMarketSyncRepository
from boxoffice.adapters.sqlalchemy.outbox import SqlAlchemyOutbox
from boxoffice.adapters.sqlalchemy.registration_repository import SqlAlchemyRegistrationRepository
from boxoffice.adapters.sqlalchemy.saved_event_repository import SqlAlchemySavedEventRepository
from boxoffice.adapters.sqlalchemy.subscription_repository import SqlAlchemySubscriptionRepository
from boxoffice.adapters.sqlalchemy.transactions import begin, end
from boxoffice.adapters.sqlalchemy.user_repository import SqlAlchemyUserRepository
from boxoffice.application.ports.outbox_signal import OutboxSignal
from boxoffice.application.services.announce import Acting
from boxoffice.application.services.tracking import (
    Tracker,
    TrackingBookingRepository,
    TrackingEventRepository,
    TrackingRegistrationRepository,
)


class SqlAlchemyUnitOfWork:
    """One connection and one transaction per `async with`; repositories share them.

    The commit writes the outbox messages of the domain events of what the repositories saw
    (Tracker); after a commit that added messages, `on_commit` is woken (the process's relay).
    A database outage, wherever in the block it shows (connect, a statement, the commit, the
    rollback), leaves as StorageUnavailable.
    """

    events: TrackingEventRepository
    bookings: TrackingBookingRepository
    registrations: TrackingRegistrationRepository
    users: SqlAlchemyUserRepository
    market_syncs: SqlAlchemyMarketSyncRepository
    saved_events: SqlAlchemySavedEventRepository
    subscriptions: SqlAlchemySubscriptionRepository
    outbox: SqlAlchemyOutbox
    attachments: SqlAlchemyAttachmentRepository

    def __init__(self, engine: AsyncEngine, on_commit: OutboxSignal | None = None) -> None:
        self._engine = engine
        self._on_commit = on_commit
        self._conn: AsyncConnection | None = None
        self._tracker = Tracker(self)

    async def __aenter__(self) -> Self:
        if self._conn is not None:
            raise RuntimeError("this unit of work is already open")
        conn = self._conn = await begin(self._engine)
        tracker = self._tracker = Tracker(self)
        self.events = TrackingEventRepository(SqlAlchemyEventRepository(conn), tracker)
        self.bookings = TrackingBookingRepository(SqlAlchemyBookingRepository(conn), tracker)
        self.registrations = TrackingRegistrationRepository(
            SqlAlchemyRegistrationRepository(conn), tracker
        )
        self.users = SqlAlchemyUserRepository(conn)
        self.market_syncs = SqlAlchemyMarketSyncRepository(conn)
        self.saved_events = SqlAlchemySavedEventRepository(conn)
        self.subscriptions = SqlAlchemySubscriptionRepository(conn)
        self.outbox = SqlAlchemyOutbox(conn)
        self.attachments = SqlAlchemyAttachmentRepository(conn)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            await end(conn, exc)

    def act_as(self, actor: str, now: datetime) -> None:
        self._connection()
        self._tracker.acting = Acting(actor, now)

    async def commit(self) -> None:
        conn = self._connection()
        await self._tracker.announce()
        with outages_as_unavailable():
            await conn.commit()
        added, self.outbox.added = self.outbox.added, 0
        if added and self._on_commit is not None:
            self._on_commit.wake()

    async def rollback(self) -> None:
        await self._connection().rollback()
        self._tracker.forget()
        self.outbox.added = 0

    def _connection(self) -> AsyncConnection:
        if self._conn is None:
            raise RuntimeError("the unit of work is not open")
        return self._conn
