"""Random sequences of use cases on one event, on the in-memory fake, SQLite and PostgreSQL.

Each step is a real use case through the application's ports: BookTickets (sold through the
TicketSales port, with or without an idempotency key, and retried), CancelBooking,
RegisterAttendee (again, in another letter case too), UpdateEvent (capacity, status,
cancellation), or time passing on the clock. After every step the event, its bookings and its
registrations are read back from storage: seats taken plus seats left is the capacity and
neither is negative; the seats taken are the active tickets plus the registrations (a
cancelled event has no active ticket, and its count stays as it was when it was cancelled);
a sale takes exactly its seats, a cancelled booking releases exactly its own, and a refusal
gives its true reason and changes nothing.
"""

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar
from uuid import uuid4

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)

from boxoffice.adapters.system.ticket_codes import SecretsTicketCodes
from boxoffice.application.use_cases.book_tickets import (
    BookingOutcome,
    BookTickets,
    BookTicketsCommand,
)
from boxoffice.application.use_cases.cancel_booking import CancelBooking, CancelBookingCommand
from boxoffice.application.use_cases.register_attendee import (
    RegisterAttendee,
    RegisterAttendeeCommand,
)
from boxoffice.application.use_cases.update_event import (
    EventChanges,
    UpdateEvent,
    UpdateEventCommand,
)
from boxoffice.domain.bookings import MAX_QUANTITY, Booking
from boxoffice.domain.errors import (
    AlreadyRegistered,
    CapacityBelowSeatsTaken,
    EventNotOpen,
    NotEnoughSeats,
)
from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.registrations import Registration
from tests.builders import NOW, a_user, an_event, principal_of
from tests.fakes import FixedClock
from tests.integration.contract import ALL, given
from tests.integration.seat_shops import Shop, open_shop

T = TypeVar("T")
CODES = SecretsTicketCodes()
# Bounded so that each backend runs in well under a minute on a loaded 2-core machine.
SEATS_SETTINGS = settings(max_examples=25, stateful_step_count=20, deadline=None)


@dataclass(frozen=True)
class Stored:
    """The event and what holds its seats, as storage has them after a step."""

    event: Event
    bookings: dict[str, Booking]
    registrations: int

    @property
    def active_tickets(self) -> int:
        return sum(len(b.active_tickets()) for b in self.bookings.values())


class EventSeats(RuleBasedStateMachine):
    bookings = Bundle("bookings")
    emails = Bundle("emails")

    def __init__(self, shop: Shop) -> None:
        super().__init__()
        self.shop, self.clock = shop, FixedClock(NOW)
        buyer, organiser = a_user(f"buyer_{uuid4().hex[:8]}"), a_user(f"host_{uuid4().hex[:8]}")
        self.buyer, self.organiser = principal_of(buyer), principal_of(organiser)
        self.users = (buyer, organiser)
        self.event = an_event(NOW, owner=organiser.id, capacity=1)
        self.guests = 0
        self.sold = 0  # bookings made
        self.cancelled_with: int | None = None  # the seats taken when the event was cancelled
        self._stored: Stored | None = None

    @initialize(capacity=st.integers(1, 15), starts_in_hours=st.integers(12, 96))
    def open_event(self, capacity: int, starts_in_hours: int) -> None:
        self.event = an_event(
            NOW,
            owner=self.organiser.user_id,
            capacity=capacity,
            starts_in=timedelta(hours=starts_in_hours),
        )
        self.shop.run(given(self.shop.new_uow(), users=self.users, events=(self.event,)))

    def stored(self) -> Stored:
        """Storage as the last step left it (read once per step)."""
        if self._stored is None:
            self._stored = self.shop.run(self._read())
        return self._stored

    async def _read(self) -> Stored:
        async with self.shop.new_uow() as uow:
            event = await uow.events.get(self.event.id)
            bookings = await uow.bookings.list_for_event(self.event.id, ALL)
            registrations = await uow.registrations.list_for_event(self.event.id, ALL)
        assert event is not None
        return Stored(event, {str(b.id): b for b in bookings.items}, registrations.total)

    def _attempt(self, step: Coroutine[Any, Any, T], *refusals: type[Exception]) -> T | Exception:
        """The use case's result, or the refusal it raised; storage is read afresh after it."""
        try:
            return self.shop.run(step)
        except refusals as refused:
            return refused
        finally:
            self._stored = None

    def _book(self, quantity: int, key: str | None) -> BookingOutcome | Exception:
        book = BookTickets(self.shop.new_uow(), self.clock, CODES, self.shop.sales)
        command = BookTicketsCommand(self.buyer, self.event.id, quantity, key)
        return self._attempt(book.execute(command), EventNotOpen, NotEnoughSeats)

    def _update(self, changes: EventChanges) -> Event | Exception:
        update = UpdateEvent(self.shop.new_uow(), self.clock)
        command = UpdateEventCommand(self.organiser, self.event.id, changes)
        return self._attempt(update.execute(command), EventNotOpen, CapacityBelowSeatsTaken)

    def _is_open(self, stored: Stored) -> bool:
        return stored.event.is_open(self.clock.now())

    @rule(target=bookings, quantity=st.integers(1, MAX_QUANTITY))
    def book(self, quantity: int) -> object:
        return self._check_booking(quantity, None)

    @rule(target=bookings, quantity=st.integers(1, MAX_QUANTITY))
    def book_with_a_key(self, quantity: int) -> object:
        return self._check_booking(quantity, f"checkout-{uuid4().hex}")

    def _check_booking(self, quantity: int, key: str | None) -> object:
        before = self.stored()
        outcome = self._book(quantity, key)
        after = self.stored()
        available = before.event.seats_available or 0
        if isinstance(outcome, Exception):
            if isinstance(outcome, NotEnoughSeats):
                assert (outcome.requested, outcome.available) == (quantity, available)
            assert isinstance(outcome, EventNotOpen) is not self._is_open(before)
            assert quantity > available or not self._is_open(before)
            assert (after.event.seats_taken, after.bookings.keys()) == (
                before.event.seats_taken,
                before.bookings.keys(),
            )
            return multiple()
        booking = outcome.booking
        assert self._is_open(before)
        assert quantity <= available
        assert not outcome.replayed
        assert after.event.seats_taken == before.event.seats_taken + quantity
        assert after.bookings.keys() - before.bookings.keys() == {str(booking.id)}
        assert len(after.bookings[str(booking.id)].active_tickets()) == quantity
        self.sold += 1
        return booking

    @rule(booking=bookings.filter(lambda b: b.idempotency_key is not None))
    def retry(self, booking: Booking) -> None:
        before = self.stored()
        outcome = self._book(booking.quantity, booking.idempotency_key)
        after = self.stored()
        assert isinstance(outcome, BookingOutcome)
        assert outcome.replayed
        assert outcome.booking.id == booking.id
        assert after == before

    @rule(booking=bookings)
    def cancel(self, booking: Booking) -> None:
        before = self.stored()
        was_cancelled = before.bookings[str(booking.id)].is_cancelled
        cancel = CancelBooking(self.shop.new_uow(), self.clock)
        outcome = self._attempt(
            cancel.execute(CancelBookingCommand(self.buyer, booking.id)), EventNotOpen
        )
        after = self.stored()
        released = before.event.seats_taken - after.event.seats_taken
        if isinstance(outcome, EventNotOpen):
            assert not was_cancelled
            assert before.event.details.slot.has_started(self.clock.now())
            assert after == before
            return
        stored = after.bookings[str(booking.id)]
        assert stored.is_cancelled
        assert stored.active_tickets() == []
        assert released == (0 if was_cancelled else booking.quantity)

    @rule(target=emails)
    def register(self) -> object:
        before = self.stored()
        self.guests += 1
        email = f"guest{self.guests}@example.com"
        outcome = self._register(email)
        after = self.stored()
        if isinstance(outcome, Exception):
            if isinstance(outcome, NotEnoughSeats):
                assert (outcome.requested, outcome.available) == (1, 0)
                assert before.event.seats_available == 0
            assert isinstance(outcome, EventNotOpen) is not self._is_open(before)
            assert after == before
            return multiple()
        assert self._is_open(before)
        assert after.event.seats_taken == before.event.seats_taken + 1
        assert after.registrations == before.registrations + 1
        return email

    @rule(email=emails, shouting=st.booleans())
    def register_again(self, email: str, shouting: bool) -> None:
        before = self.stored()
        outcome = self._register(email.upper() if shouting else email)
        assert isinstance(outcome, EventNotOpen if not self._is_open(before) else AlreadyRegistered)
        assert self.stored() == before

    def _register(self, email: str) -> Registration | Exception:
        register = RegisterAttendee(self.shop.new_uow(), self.clock)
        command = RegisterAttendeeCommand(self.event.id, "Meera Iyer", email)
        return self._attempt(
            register.execute(command), EventNotOpen, NotEnoughSeats, AlreadyRegistered
        )

    @rule(capacity=st.integers(1, 20))
    def revise_capacity(self, capacity: int) -> None:
        before = self.stored()
        outcome = self._update(EventChanges(capacity=capacity))
        after = self.stored()
        taken = before.event.seats_taken
        if isinstance(outcome, EventNotOpen):
            assert before.event.status is EventStatus.CANCELLED
        elif isinstance(outcome, CapacityBelowSeatsTaken):
            assert (outcome.capacity, outcome.seats_taken) == (capacity, taken)
            assert capacity < taken
        else:
            assert capacity >= taken
            assert after.event.details.capacity == capacity
        if isinstance(outcome, Exception):
            assert after == before
        assert after.event.seats_taken == taken

    @rule(status=st.sampled_from([EventStatus.COMPLETED, EventStatus.ACTIVE]))
    def change_status(self, status: EventStatus) -> None:
        self._check_status_change(status)

    @precondition(lambda self: self.sold > 0)  # cancelling an event with nothing sold is dull
    @rule()
    def cancel_event(self) -> None:
        self._check_status_change(EventStatus.CANCELLED)
        if self.cancelled_with is None:
            self.cancelled_with = self.stored().event.seats_taken

    def _check_status_change(self, status: EventStatus) -> None:
        before = self.stored()
        outcome = self._update(EventChanges(status=status))
        after = self.stored()
        if isinstance(outcome, Exception):  # a cancelled event takes no edit, not even this
            assert isinstance(outcome, EventNotOpen)
            assert before.event.status is EventStatus.CANCELLED
            assert after == before
        else:
            assert after.event.status is status
        assert after.event.seats_taken == before.event.seats_taken

    @rule(hours=st.integers(1, 48))
    def time_passes(self, hours: int) -> None:
        self.clock.advance(hours=hours)

    @invariant()
    def seats_taken_and_seats_left_make_the_capacity(self) -> None:
        event = self.stored().event
        assert event.details.capacity is not None
        assert 0 <= event.seats_taken <= event.details.capacity
        assert event.seats_taken + (event.seats_available or 0) == event.details.capacity

    @invariant()
    def seats_taken_are_the_active_tickets_and_the_registrations(self) -> None:
        stored = self.stored()
        if stored.event.status is EventStatus.CANCELLED:
            # Cancelling the event cancels every ticket; its seat count stays as it was then.
            assert stored.active_tickets == 0
            assert stored.event.seats_taken == self.cancelled_with
            return
        assert stored.event.seats_taken == stored.active_tickets + stored.registrations

    @invariant()
    def each_booking_costs_the_events_price_per_seat(self) -> None:
        price = self.event.details.price
        for booking in self.stored().bookings.values():
            assert len(booking.tickets) == booking.quantity
            assert (booking.unit_price, booking.total) == (price, price * booking.quantity)


def test_no_sequence_of_use_cases_oversells_or_loses_a_seat(backend: str) -> None:
    with asyncio.Runner() as runner:
        shop = open_shop(runner, backend)

        class InThisShop(EventSeats):
            def __init__(self) -> None:
                super().__init__(shop)

        try:
            run_state_machine_as_test(InThisShop, settings=SEATS_SETTINGS)
        finally:
            runner.run(shop.close())
