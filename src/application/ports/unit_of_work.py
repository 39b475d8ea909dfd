"""One business transaction: all of its writes land together or none do."""

from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from boxoffice.application.ports.attachments import AttachmentRepository
from boxoffice.application.ports.market_syncs import MarketSyncRepository
from boxoffice.application.ports.outbox import Outbox
from boxoffice.application.ports.repositories import (
    BookingRepository,
    EventRepository,
    RegistrationRepository,
    UserRepository,
)
from boxoffice.application.ports.saved_events import SavedEventRepository
from boxoffice.application.ports.subscriptions import SubscriptionRepository


class UnitOfWork(Protocol):
    """`async with uow:` opens a transaction; leaving it without `commit()` rolls back.

    A unit of work may be entered again after it was left: each entry is a new transaction.

    It keeps track of the aggregates its repositories hand out or are given; `commit()` turns
    their new domain events into outbox messages first, in the same transaction, saying who
    acted and when as told by `act_as()` (services/announce.py says which events and whom).
    """

    # Read-only to its users, so an adapter may hold narrower types (its own repositories).
    @property
    def events(self) -> EventRepository: ...
    @property
    def bookings(self) -> BookingRepository: ...
    @property
    def registrations(self) -> RegistrationRepository: ...
    @property
    def users(self) -> UserRepository: ...
    @property
    def market_syncs(self) -> MarketSyncRepository: ...
    @property
    def saved_events(self) -> SavedEventRepository: ...
    @property
    def subscriptions(self) -> SubscriptionRepository: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def attachments(self) -> AttachmentRepository: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def act_as(self, actor: str, now: datetime) -> None:
        """Who makes this transaction's changes, and when (until the block is left); said
        first, as a delete announces what is pending at once. Without it the domain events are
        no news: data written as stored (seeds, fixtures) sends no messages."""

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
