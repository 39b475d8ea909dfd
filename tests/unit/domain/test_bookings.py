"""A booking holds one ticket per seat, 1 to 10 of them, and can be cancelled once."""

from decimal import Decimal
from uuid import uuid4

import pytest

from boxoffice.domain.bookings import MAX_QUANTITY, Booking, BookingRequest, BookingStatus
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.happenings import BookingCancelled
from boxoffice.domain.tickets import Ticket, TicketStatus
from tests.builders import NOW
from tests.fakes import FakeTicketCodes


def booking(quantity: int = 2, **overrides: object) -> Booking:
    codes = FakeTicketCodes().issue(quantity)
    values: dict[str, object] = {
        "id": uuid4(),
        "user_id": uuid4(),
        "event_id": uuid4(),
        "quantity": quantity,
        "unit_price": Decimal("100.00"),
        "currency": "INR",
        "booked_at": NOW,
        "tickets": [Ticket(c) for c in codes],
    }
    return Booking(**(values | overrides))  # type: ignore[arg-type]


@pytest.mark.parametrize("quantity", [1, MAX_QUANTITY])
def test_a_booking_holds_1_to_10_seats(quantity: int) -> None:
    placed = Booking.place(
        uuid4(), uuid4(), uuid4(), Decimal("10"), "INR", FakeTicketCodes().issue(quantity), NOW
    )

    assert placed.quantity == quantity
    assert placed.status is BookingStatus.CONFIRMED
    assert all(t.status is TicketStatus.ACTIVE for t in placed.tickets)


@pytest.mark.parametrize("quantity", [0, MAX_QUANTITY + 1])
def test_a_booking_of_no_seats_or_too_many_is_refused(quantity: int) -> None:
    codes = FakeTicketCodes().issue(quantity)
    with pytest.raises(InvalidValue) as raised:
        Booking.place(uuid4(), uuid4(), uuid4(), Decimal("10"), "INR", codes, NOW)
    assert raised.value.field == "quantity"


def test_a_booking_has_exactly_one_ticket_per_seat() -> None:
    with pytest.raises(InvalidValue, match="one ticket per seat"):
        booking(quantity=3, tickets=[Ticket(c) for c in FakeTicketCodes().issue(2)])


def test_two_tickets_of_a_booking_never_share_a_code() -> None:
    code = FakeTicketCodes().issue(1)[0]
    with pytest.raises(InvalidValue, match="unique"):
        booking(quantity=2, tickets=[Ticket(code), Ticket(code)])


def test_a_unit_price_with_fractions_of_a_cent_is_refused() -> None:
    with pytest.raises(InvalidValue) as raised:
        booking(unit_price=Decimal("1.005"))
    assert raised.value.field == "unit_price"


def test_cancelling_cancels_every_ticket_and_is_recorded_once() -> None:
    b = booking(quantity=3)
    later = NOW.replace(hour=13)

    assert b.cancel(later) is True
    assert b.cancel(later.replace(hour=14)) is False

    assert (b.status, b.cancelled_at) == (BookingStatus.CANCELLED, later)
    assert all(t.status is TicketStatus.CANCELLED for t in b.tickets)
    assert b.active_tickets() == []
    assert b.happenings == [BookingCancelled(b.id, b.event_id, 3)]


def test_cancelling_leaves_used_tickets_used() -> None:
    b = booking(quantity=2)
    b.tickets[0].status = TicketStatus.USED

    b.cancel(NOW)

    assert [t.status for t in b.tickets] == [TicketStatus.USED, TicketStatus.CANCELLED]
    assert b.active_tickets() == [b.tickets[0]]


@pytest.mark.parametrize("quantity", [0, MAX_QUANTITY + 1])
def test_a_request_for_no_seats_or_too_many_is_refused_before_any_sale(quantity: int) -> None:
    codes = tuple(FakeTicketCodes().issue(quantity)) if quantity else ()

    with pytest.raises(InvalidValue):
        BookingRequest(uuid4(), uuid4(), uuid4(), codes, NOW)


def test_a_request_with_a_code_twice_is_refused() -> None:
    code = FakeTicketCodes().issue(1)[0]

    with pytest.raises(InvalidValue):
        BookingRequest(uuid4(), uuid4(), uuid4(), (code, code), NOW)


def test_a_priced_request_is_a_confirmed_booking_at_the_events_price() -> None:
    codes = tuple(FakeTicketCodes().issue(3))
    request = BookingRequest(uuid4(), uuid4(), uuid4(), codes, NOW, "checkout-7")

    sold = request.priced(Decimal("333.33"), "INR")

    assert (sold.id, sold.user_id, sold.event_id) == (
        request.booking_id,
        request.user_id,
        request.event_id,
    )
    assert (sold.quantity, sold.total, sold.currency) == (3, Decimal("999.99"), "INR")
    assert [t.code for t in sold.tickets] == list(codes)
    assert (sold.status, sold.booked_at, sold.idempotency_key) == (
        BookingStatus.CONFIRMED,
        NOW,
        "checkout-7",
    )
