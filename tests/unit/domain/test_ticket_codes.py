"""Ticket codes: 80 random bits in Crockford base 32, unique, and hard to misread."""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boxoffice.adapters.system.ticket_codes import SecretsTicketCodes
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.tickets import ALPHABET, ENTROPY_BYTES, TicketCode

ten_bytes = st.binary(min_size=ENTROPY_BYTES, max_size=ENTROPY_BYTES)


def decode(code: TicketCode) -> bytes:
    """The inverse of from_entropy, written independently of it."""
    number = 0
    for symbol in code.value.removeprefix("BX-").replace("-", ""):
        number = number * 32 + ALPHABET.index(symbol)
    return number.to_bytes(ENTROPY_BYTES, "big")


@given(ten_bytes)
def test_a_code_gives_back_exactly_the_entropy_it_was_made_from(entropy: bytes) -> None:
    code = TicketCode.from_entropy(entropy)

    assert decode(code) == entropy
    assert TicketCode(code.value) == code


@given(ten_bytes, ten_bytes)
def test_different_entropy_never_gives_the_same_code(a: bytes, b: bytes) -> None:
    assert (TicketCode.from_entropy(a) == TicketCode.from_entropy(b)) == (a == b)


def test_codes_carry_at_least_64_bits_of_randomness() -> None:
    symbols = len(TicketCode.from_entropy(bytes(ENTROPY_BYTES)).value.replace("-", "")) - 2

    assert len(set(ALPHABET)) == 32
    assert symbols * math.log2(len(ALPHABET)) == ENTROPY_BYTES * 8
    assert ENTROPY_BYTES * 8 >= 64


def test_the_alphabet_leaves_out_letters_that_read_like_digits() -> None:
    assert not set("ILOU") & set(ALPHABET)


@pytest.mark.parametrize("size", [0, 9, 11, 16])
def test_from_entropy_refuses_any_other_amount_of_entropy(size: int) -> None:
    with pytest.raises(ValueError, match="exactly 10 bytes"):
        TicketCode.from_entropy(bytes(size))


@pytest.mark.parametrize(
    "value",
    [
        "bx-0000-0000-0000-0000",
        "BX-0000-0000-0000-000",
        "BX-0000-0000-0000-0000-0000",
        "XX-0000-0000-0000-0000",
        "BX-000I-0000-0000-0000",
        "BX-000O-0000-0000-0000",
        "BX-0000-000L-0000-0000",
        "BX-0000-0000-U000-0000",
        "BX-0000-0000-0000-0000\n",
    ],
)
def test_malformed_codes_are_rejected(value: str) -> None:
    with pytest.raises(InvalidValue):
        TicketCode(value)


def test_the_system_adapter_issues_10000_distinct_valid_codes() -> None:
    codes = SecretsTicketCodes().issue(10_000)

    assert len(codes) == 10_000
    assert len({c.value for c in codes}) == 10_000
    assert all(re.fullmatch(r"BX(-[0-9A-Z]{4}){4}", c.value) for c in codes)


def test_the_system_adapter_spreads_codes_over_the_whole_alphabet_at_every_position() -> None:
    codes = [c.value.replace("-", "")[2:] for c in SecretsTicketCodes().issue(10_000)]

    for position in range(16):
        assert {code[position] for code in codes} == set(ALPHABET), position


def test_separate_batches_from_the_system_adapter_do_not_repeat_codes() -> None:
    adapter = SecretsTicketCodes()

    first, second = adapter.issue(5_000), adapter.issue(5_000)

    assert not {c.value for c in first} & {c.value for c in second}
