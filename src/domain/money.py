"""Prices and totals: Decimal with two places, exact to the cent, never float."""

import re
from decimal import Decimal, InvalidOperation

from boxoffice.domain.errors import InvalidValue

CENT = Decimal("0.01")
MAX_PRICE = Decimal("10000000")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
DEFAULT_CURRENCY = "INR"


def price(value: Decimal | int | str, field: str = "price") -> Decimal:
    """A non-negative amount with at most two decimal places."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError, TypeError) as e:
        raise InvalidValue(field, "must be a decimal amount such as 499.00") from e
    if not amount.is_finite():
        raise InvalidValue(field, "must be a finite amount")
    if amount < 0:
        raise InvalidValue(field, "must not be negative")
    if amount >= MAX_PRICE:
        raise InvalidValue(field, f"must be below {MAX_PRICE}")
    if amount != amount.quantize(CENT):
        raise InvalidValue(field, "must have at most two decimal places")
    return amount.quantize(CENT)


def currency(code: str) -> str:
    """An ISO 4217 alphabetic code, upper case."""
    normalised = code.strip().upper()
    if not _CURRENCY.match(normalised):
        raise InvalidValue("currency", "must be a three-letter ISO 4217 code such as INR")
    return normalised


def total(unit_price: Decimal, quantity: int) -> Decimal:
    return (unit_price * quantity).quantize(CENT)
