"""In-memory fakes of every port, keeping the same contracts as the real adapters.

tests/integration/test_repository_contract*.py run one suite against these fakes, SQLite and
PostgreSQL, so the fakes cannot drift from the database. Transactions are serial, as on SQLite
(BEGIN IMMEDIATE): each `async with` works on a private copy of the committed tables, and every
repository call yields to the event loop, so concurrent use cases really interleave.
"""

import asyncio
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Self
from uuid import UUID

from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.ports.outbox_signal import OutboxSignal
from boxoffice.application.ports.security import AccessToken
from boxoffice.application.services.announce import Acting
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.tracking import (
    Tracker,
    TrackingBookingRepository,
    TrackingEventRepository,
    TrackingRegistrationRepository,
)
from boxoffice.domain.bookings import Booking, BookingRequest
from boxoffice.domain.tickets import ENTROPY_BYTES, TicketCode
from boxoffice.domain.users import User
from tests.fake_attachments import InMemoryAttachmentRepository
from tests.fake_market_syncs import InMemoryMarketSyncRepository
from tests.fake_repositories import (
    ConstraintViolation,
    InMemoryBookingRepository,
    InMemoryEventRepository,
    InMemoryRegistrationRepository,
    InMemoryUserRepository,
    Tables,
)
from tests.fake_saved_events import InMemorySavedEventRepository
from tests.fake_subscriptions import InMemoryOutbox, InMemorySubscriptionRepository

__all__ = [
    "ConstraintViolation",
    "FakePasswordHasher",
    "FakeTicketCodes",
    "FakeTokens",
    "FixedClock",
    "InMemoryStore",
    "InMemoryTicketSales",
    "InMemoryUnitOfWork",
    "Tables",
    "take_write_lock",
]

LOCK_TIMEOUT_SECONDS = 5


async def take_write_lock(lock: asyncio.Lock, of: str) -> None:
    """An in-memory store's one writer at a time, as a database's would be; a unit of work
    opened inside another would wait forever, so it fails instead."""
    try:
        await asyncio.wait_for(lock.acquire(), LOCK_TIMEOUT_SECONDS)
    except TimeoutError as e:
        raise RuntimeError(f"another unit of work kept the {of} locked (nested?)") from e


class InMemoryStore:
    """The committed state that units of work share: the fake's database."""

    def __init__(self) -> None:
        self.committed = Tables()
        self.commits = 0
        self.lock = asyncio.Lock()


class InMemoryUnitOfWork:
    """`async with` takes the store's write lock and a private copy of its tables.

    `commit()` publishes the copy, with the outbox messages of the domain events of what the
    repositories saw (the same Tracker as the real unit of work); leaving without it (or
    `rollback()`) discards it.
    """

    events: TrackingEventRepository
    bookings: TrackingBookingRepository
    registrations: TrackingRegistrationRepository
    users: InMemoryUserRepository
    market_syncs: InMemoryMarketSyncRepository
    saved_events: InMemorySavedEventRepository
    subscriptions: InMemorySubscriptionRepository
    outbox: InMemoryOutbox
    attachments: InMemoryAttachmentRepository

    def __init__(
        self, store: InMemoryStore | None = None, on_commit: OutboxSignal | None = None
    ) -> None:
        self.store = store or InMemoryStore()
        self._on_commit = on_commit
        self._tables: Tables | None = None
        self._tracker = Tracker(self)

    async def __aenter__(self) -> Self:
        if self._tables is not None:
            raise RuntimeError("this unit of work is already open")
        await take_write_lock(self.store.lock, "store")
        self._tracker = Tracker(self)
        self._begin()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._tables is None:
            return
        self._tables = None
        self.store.lock.release()

    def act_as(self, actor: str, now: datetime) -> None:
        self._open()
        self._tracker.acting = Acting(actor, now)

    async def commit(self) -> None:
        tables = self._open()
        await self._tracker.announce()
        if tables.aborted:
            raise ConstraintViolation("current transaction is aborted; roll back first")
        self.store.committed = tables
        self.store.commits += 1
        added = self.outbox.added
        self._begin()
        if added and self._on_commit is not None:
            self._on_commit.wake()

    async def rollback(self) -> None:
        self._open()
        self._tracker.forget()
        self._begin()

    def _open(self) -> Tables:
        if self._tables is None:
            raise RuntimeError("the unit of work is not open")
        return self._tables

    def _begin(self) -> None:
        tables = self._tables = self.store.committed.copy()
        tracker = self._tracker
        self.events = TrackingEventRepository(InMemoryEventRepository(tables), tracker)
        self.bookings = TrackingBookingRepository(InMemoryBookingRepository(tables), tracker)
        self.registrations = TrackingRegistrationRepository(
            InMemoryRegistrationRepository(tables), tracker
        )
        self.users = InMemoryUserRepository(tables)
        self.market_syncs = InMemoryMarketSyncRepository(tables)
        self.saved_events = InMemorySavedEventRepository(tables)
        self.subscriptions = InMemorySubscriptionRepository(tables)
        self.outbox = InMemoryOutbox(tables)
        self.attachments = InMemoryAttachmentRepository(tables)


class InMemoryTicketSales:
    """The sale as one transaction of the fake store: claim, price, store, commit."""

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    async def sell(self, request: BookingRequest) -> Booking | None:
        async with InMemoryUnitOfWork(self._store) as uow:
            if not await uow.events.claim_seats(
                request.event_id, request.quantity, request.requested_at
            ):
                return None
            event = await uow.events.get(request.event_id)
            assert event is not None
            booking = request.priced(event.details.price, event.details.currency)
            try:
                await uow.bookings.add(booking)
            except ConstraintViolation as e:
                if "fk_bookings_user_id_users" in str(e):
                    raise NotAuthenticated("the account of this token no longer exists") from e
                raise
            await uow.commit()
        return booking


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        self._now += delta if delta is not None else timedelta(**kwargs)
        return self._now


class FakeTicketCodes:
    """Valid codes from a counter: deterministic, and distinct for the life of the instance."""

    def __init__(self, start: int = 1) -> None:
        self._next = start

    def issue(self, count: int) -> list[TicketCode]:
        numbers = range(self._next, self._next + count)
        self._next += count
        return [TicketCode.from_entropy(n.to_bytes(ENTROPY_BYTES, "big")) for n in numbers]


class FakePasswordHasher:
    """Cheap and reversible-looking, but a hash never equals its password; records each check."""

    PREFIX = "fake-hash$"

    def __init__(self) -> None:
        self.checked: list[str | None] = []

    async def hash(self, password: str) -> str:
        return self.PREFIX + password[::-1]

    async def verify(self, password: str, password_hash: str | None) -> bool:
        self.checked.append(password_hash)
        return password_hash is not None and password_hash == await self.hash(password)


class FakeTokens:
    """Issues opaque tokens and verifies only the ones it issued (TokenIssuer + TokenVerifier)."""

    def __init__(self, ttl_seconds: int = 1800) -> None:
        self._ttl = ttl_seconds
        self._issued: dict[str, Principal] = {}

    def issue(self, user: User) -> AccessToken:
        token = f"token-{len(self._issued) + 1}-{user.id}"
        self._issued[token] = Principal(user.id, user.role, user.is_verified, user.username)
        return AccessToken(token, self._ttl)

    async def verify(self, token: str) -> Principal:
        try:
            return self._issued[token]
        except KeyError as e:
            raise NotAuthenticated("invalid or expired access token") from e

    def principal_of(self, user_id: UUID) -> Principal:
        return next(p for p in self._issued.values() if p.user_id == user_id)
