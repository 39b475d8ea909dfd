"""Prices and totals are Decimal, exact to the cent, whatever the price and quantity."""

from decimal import Decimal
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boxoffice.domain import money
from boxoffice.domain.bookings import MAX_QUANTITY, Booking
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.happenings import TicketsBooked
from tests.builders import NOW
from tests.fakes import FakeTicketCodes

any_cents = st.integers(0, int(money.MAX_PRICE * 100) - 1)
any_quantity = st.integers(1, MAX_QUANTITY)


def from_cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


@given(any_cents, any_quantity)
def test_total_is_exact_to_the_cent_for_any_price_and_quantity(cents: int, quantity: int) -> None:
    total = money.total(money.price(from_cents(cents)), quantity)

    assert total == from_cents(cents * quantity)
    assert total.as_tuple().exponent == -2


@given(any_cents, any_quantity)
def test_booking_total_is_unit_price_times_quantity(cents: int, quantity: int) -> None:
    codes = FakeTicketCodes().issue(quantity)
    booking = Booking.place(uuid4(), uuid4(), uuid4(), from_cents(cents), "INR", codes, NOW)

    assert booking.total == from_cents(cents * quantity)
    assert booking.total == sum([booking.unit_price] * quantity, Decimal("0.00"))
    assert booking.happenings == [
        TicketsBooked(booking.id, booking.event_id, quantity, booking.total)
    ]


def test_tenths_that_float_cannot_hold_still_add_up_exactly() -> None:
    assert money.total(money.price("0.10"), 3) == Decimal("0.30")
    assert money.total(money.price("250.50"), 7) == Decimal("1753.50")


@pytest.mark.parametrize(
    ("given_price", "expected"),
    [
        ("499", "499.00"),
        (0, "0.00"),
        ("0.5", "0.50"),
        ("1e2", "100.00"),
        (Decimal("0.010"), "0.01"),
        ("9999999.99", "9999999.99"),
    ],
)
def test_price_accepts_amounts_with_at_most_two_places_and_keeps_two(
    given_price: str | int | Decimal, expected: str
) -> None:
    assert str(money.price(given_price)) == expected


@pytest.mark.parametrize(
    ("bad_price", "reason"),
    [
        ("-0.01", "must not be negative"),
        ("0.001", "at most two decimal places"),
        ("NaN", "finite"),
        ("Infinity", "finite"),
        ("abc", "decimal amount"),
        ("", "decimal amount"),
        ("10000000", "must be below"),
    ],
)
def test_price_rejects_what_is_not_a_plain_amount(bad_price: str, reason: str) -> None:
    with pytest.raises(InvalidValue, match=reason) as raised:
        money.price(bad_price)
    assert raised.value.field == "price"


def test_price_errors_name_the_field_they_came_from() -> None:
    with pytest.raises(InvalidValue) as raised:
        money.price("-1", "unit_price")
    assert raised.value.field == "unit_price"


@pytest.mark.parametrize(("code", "expected"), [("INR", "INR"), (" usd ", "USD"), ("eUr", "EUR")])
def test_currency_is_a_three_letter_code_in_upper_case(code: str, expected: str) -> None:
    assert money.currency(code) == expected


@pytest.mark.parametrize("code", ["", "IN", "INRR", "1NR", "₹", "I N"])
def test_currency_rejects_anything_but_three_letters(code: str) -> None:
    with pytest.raises(InvalidValue, match="ISO 4217"):
        money.currency(code)
