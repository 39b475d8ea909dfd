"""No sequence of bookings, cancellations, registrations, edits and status changes oversells."""

from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
)

from boxoffice.domain.bookings import Booking
from boxoffice.domain.errors import CapacityBelowSeatsTaken, EventNotOpen, NotEnoughSeats
from boxoffice.domain.events import Event, EventStatus
from tests.builders import NOW, a_booking, a_registration, an_event
from tests.fakes import FakeTicketCodes


class EventSeats(RuleBasedStateMachine):
    """Drives one Event aggregate the way the use cases do, and keeps a model of who holds seats."""

    bookings = Bundle("bookings")

    def __init__(self) -> None:
        super().__init__()
        self.codes = FakeTicketCodes()
        self.now = NOW
        self.event: Event = an_event(NOW, capacity=1)
        self.placed: list[Booking] = []
        self.registered = 0
        self.customer = uuid4()

    @initialize(capacity=st.integers(1, 30), starts_in_hours=st.integers(1, 72))
    def open_event(self, capacity: int, starts_in_hours: int) -> None:
        self.event = an_event(NOW, capacity=capacity, starts_in=timedelta(hours=starts_in_hours))

    def _take(self, quantity: int) -> bool:
        event = self.event
        was_open, available = event.is_open(self.now), event.seats_available
        assert available is not None, "events sold here have a capacity"
        try:
            event.take_seats(quantity, self.now)
        except EventNotOpen:
            assert not was_open
            return False
        except NotEnoughSeats as refused:
            explained = (refused.requested, refused.available)
        else:
            assert was_open
            assert quantity <= available
            return True
        assert was_open
        assert explained == (quantity, available)
        assert quantity > available
        return False

    @rule(target=bookings, quantity=st.integers(1, 10))
    def book(self, quantity: int) -> object:
        if not self._take(quantity):
            return multiple()
        booking = a_booking(self.customer, self.event, self.codes, self.now, quantity=quantity)
        self.placed.append(booking)
        return booking

    @rule(booking=bookings)
    def cancel(self, booking: Booking) -> None:
        was_cancelled = booking.is_cancelled
        if booking.cancel(self.now):
            self.event.release_seats(booking.quantity)
        assert booking.cancel(self.now) is False
        assert booking.is_cancelled
        assert was_cancelled or len(booking.active_tickets()) == 0

    @rule()
    def register(self) -> None:
        if self._take(1):
            a_registration(self.event.id, f"guest{self.registered}@example.com", self.now)
            self.registered += 1

    @rule(capacity=st.integers(1, 40))
    def revise_capacity(self, capacity: int) -> None:
        status, taken = self.event.status, self.event.seats_taken
        try:
            self.event.revise(self.event.with_details(capacity=capacity))
        except EventNotOpen:
            assert status is EventStatus.CANCELLED
        except CapacityBelowSeatsTaken:
            assert capacity < taken
        else:
            assert self.event.details.capacity == capacity

    @rule(status=st.sampled_from(EventStatus))
    def change_status(self, status: EventStatus) -> None:
        before = self.event.status
        try:
            self.event.change_status(status)
        except EventNotOpen:
            assert before is EventStatus.CANCELLED
            assert status is not EventStatus.CANCELLED
        else:
            assert self.event.status is status

    @rule(hours=st.integers(1, 48))
    def time_passes(self, hours: int) -> None:
        self.now += timedelta(hours=hours)

    @invariant()
    def seats_never_exceed_capacity(self) -> None:
        event = self.event
        assert event.details.capacity is not None, "events sold here have a capacity"
        assert 0 <= event.seats_taken <= event.details.capacity
        assert event.seats_available == event.details.capacity - event.seats_taken

    @invariant()
    def seats_taken_are_exactly_the_confirmed_tickets_and_registrations(self) -> None:
        confirmed = sum(b.quantity for b in self.placed if not b.is_cancelled)
        assert self.event.seats_taken == confirmed + self.registered

    @invariant()
    def every_booking_costs_its_price_times_its_quantity(self) -> None:
        for booking in self.placed:
            assert booking.total == self.event.details.price * booking.quantity
            assert booking.total == sum([booking.unit_price] * booking.quantity, Decimal(0))


EventSeats.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
TestEventSeatAccounting = EventSeats.TestCase
