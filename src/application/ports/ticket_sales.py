from typing import Protocol

from boxoffice.domain.bookings import Booking, BookingRequest


class TicketSales(Protocol):
    """Sells seats in one atomic step that is committed when it returns: the seat claim, the
    booking priced at the event's price, and its tickets, all or nothing."""

    async def sell(self, request: BookingRequest) -> Booking | None:
        """The stored booking; None when the event cannot sell these seats now (it does not
        exist, is not open, has started, is sold elsewhere, or has too few seats left).

        Raises DuplicateIdempotencyKey when the user already used the request's key, and
        NotAuthenticated when the user does not exist (their token outlived the account).
        """
