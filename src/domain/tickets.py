"""Tickets and their codes: unguessable, unique, easy to read out at a door."""

import re
from dataclasses import dataclass
from enum import StrEnum

from boxoffice.domain.errors import InvalidValue

# Crockford's base 32: no I, L, O or U, so a code read aloud or typed is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Every two symbols, at the index of the 10 bits they spell: a code is eight such pairs.
_PAIRS = [first + second for first in ALPHABET for second in ALPHABET]
ENTROPY_BYTES = 10  # 80 bits: guessing one valid code among a billion takes ~2^50 tries
_CODE = re.compile(r"^BX(-[0-9A-HJKMNP-TV-Z]{4}){4}$")


class TicketStatus(StrEnum):
    ACTIVE = "active"
    USED = "used"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class TicketCode:
    value: str

    def __post_init__(self) -> None:
        if not _CODE.fullmatch(self.value):
            raise InvalidValue("ticket_code", "must look like BX-XXXX-XXXX-XXXX-XXXX")

    @classmethod
    def from_entropy(cls, entropy: bytes) -> "TicketCode":
        """Encode exactly 80 random bits; the caller owns the randomness."""
        if len(entropy) != ENTROPY_BYTES:
            raise ValueError(f"a ticket code needs exactly {ENTROPY_BYTES} bytes of entropy")
        number = int.from_bytes(entropy, "big")
        p = [_PAIRS[(number >> shift) & 1023] for shift in range(70, -1, -10)]
        return cls(f"BX-{p[0]}{p[1]}-{p[2]}{p[3]}-{p[4]}{p[5]}-{p[6]}{p[7]}")

    def __str__(self) -> str:
        return self.value


@dataclass(slots=True)
class Ticket:
    code: TicketCode
    status: TicketStatus = TicketStatus.ACTIVE

    def cancel(self) -> None:
        if self.status is TicketStatus.ACTIVE:
            self.status = TicketStatus.CANCELLED
