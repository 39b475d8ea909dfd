from typing import Protocol

from boxoffice.domain.tickets import TicketCode


class TicketCodes(Protocol):
    def issue(self, count: int) -> list[TicketCode]:
        """`count` fresh, distinct, unguessable codes."""
