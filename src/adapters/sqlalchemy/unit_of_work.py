from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.sqlalchemy.booking_repository import SqlAlchemyBookingRepository
from adapters.sqlalchemy.event_repository import SqlAlchemyEventRepository
from adapters.sqlalchemy.market_sync_repository import SqlAlchemyMarketSyncRepository
from adapters.sqlalchemy.outbox import SqlAlchemyOutbox
from adapters.sqlalchemy.registration_repository import SqlAlchemyRegistrationRepository
from adapters.sqlalchemy.saved_event_repository import SqlAlchemySavedEventRepository
from adapters.sqlalchemy.subscription_repository import SqlAlchemySubscriptionRepository
from adapters.sqlalchemy.user_repository import SqlAlchemyUserRepository
from application.ports.outbox_signal import OutboxSignal


class SqlAlchemyUnitOfWork:
    """One connection and one transaction per `async with`; repositories share them.

    After a commit that added outbox messages, `on_commit` is woken (the process's relay).
    """

    events: SqlAlchemyEventRepository
    bookings: SqlAlchemyBookingRepository
    registrations: SqlAlchemyRegistrationRepository
    users: SqlAlchemyUserRepository
    market_syncs: SqlAlchemyMarketSyncRepository
    saved_events: SqlAlchemySavedEventRepository
    subscriptions: SqlAlchemySubscriptionRepository
    outbox: SqlAlchemyOutbox

    def __init__(self, engine: AsyncEngine, on_commit: OutboxSignal | None = None) -> None:
        self._engine = engine
        self._on_commit = on_commit
        self._conn: AsyncConnection | None = None

    async def __aenter__(self) -> Self:
        if self._conn is not None:
            raise RuntimeError("this unit of work is already open")
        conn = await self._engine.connect()
        try:
            await conn.begin()
        except BaseException:
            await conn.close()
            raise
        self._conn = conn
        self.events = SqlAlchemyEventRepository(conn)
        self.bookings = SqlAlchemyBookingRepository(conn)
        self.registrations = SqlAlchemyRegistrationRepository(conn)
        self.users = SqlAlchemyUserRepository(conn)
        self.market_syncs = SqlAlchemyMarketSyncRepository(conn)
        self.saved_events = SqlAlchemySavedEventRepository(conn)
        self.subscriptions = SqlAlchemySubscriptionRepository(conn)
        self.outbox = SqlAlchemyOutbox(conn)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            if conn.in_transaction():
                await conn.rollback()
        finally:
            await conn.close()

    async def commit(self) -> None:
        await self._connection().commit()
        added, self.outbox.added = self.outbox.added, 0
        if added and self._on_commit is not None:
            self._on_commit.wake()

    async def rollback(self) -> None:
        await self._connection().rollback()
        self.outbox.added = 0

    def _connection(self) -> AsyncConnection:
        if self._conn is None:
            raise RuntimeError("the unit of work is not open")
        return self._conn
