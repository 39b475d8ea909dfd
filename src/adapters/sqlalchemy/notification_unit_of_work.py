from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from boxoffice.adapters.sqlalchemy.errors import outages_as_unavailable
from boxoffice.adapters.sqlalchemy.notification_store import SqlAlchemyNotificationStore
from boxoffice.adapters.sqlalchemy.transactions import begin, end


class SqlAlchemyNotificationUnitOfWork:
    """One connection and one transaction per `async with`, which the store works in.

    A database outage, wherever in the block it shows (connect, a statement, the commit, the
    rollback), leaves as StorageUnavailable.
    """

    notifications: SqlAlchemyNotificationStore

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._conn: AsyncConnection | None = None

    async def __aenter__(self) -> Self:
        if self._conn is not None:
            raise RuntimeError("this unit of work is already open")
        self._conn = await begin(self._engine)
        self.notifications = SqlAlchemyNotificationStore(self._conn)
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

    async def commit(self) -> None:
        with outages_as_unavailable():
            await self._connection().commit()

    async def rollback(self) -> None:
        with outages_as_unavailable():
            await self._connection().rollback()

    def _connection(self) -> AsyncConnection:
        if self._conn is None:
            raise RuntimeError("the unit of work is not open")
        return self._conn
