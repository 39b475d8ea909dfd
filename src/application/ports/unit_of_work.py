"""One business transaction: all of its writes land together or none do."""

from types import TracebackType
from typing import Protocol, Self

from application.ports.attachments import AttachmentRepository
from application.ports.market_syncs import MarketSyncRepository
from application.ports.outbox import Outbox
from application.ports.repositories import (
    BookingRepository,
    EventRepository,
    RegistrationRepository,
    UserRepository,
)
from application.ports.saved_events import SavedEventRepository
from application.ports.subscriptions import SubscriptionRepository


class UnitOfWork(Protocol):
    """`async with uow:` opens a transaction; leaving it without `commit()` rolls back.

    A unit of work may be entered again after it was left: each entry is a new transaction.
    """

    events: EventRepository
    bookings: BookingRepository
    registrations: RegistrationRepository
    users: UserRepository
    market_syncs: MarketSyncRepository
    saved_events: SavedEventRepository
    subscriptions: SubscriptionRepository
    outbox: Outbox
    attachments: AttachmentRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
