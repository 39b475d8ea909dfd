from typing import Annotated
from uuid import UUID
from zoneinfo import ZoneInfo

from litestar import Controller, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, HeaderParameter, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from boxoffice.application.models.pagination import Page
from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.cancel_booking import CancelBooking, CancelBookingCommand
from boxoffice.application.use_cases.get_booking import GetBooking, GetBookingQuery
from boxoffice.application.use_cases.list_event_bookings import (
    ListEventBookings,
    ListEventBookingsQuery,
)
from boxoffice.application.use_cases.list_user_bookings import (
    ListUserBookings,
    ListUserBookingsQuery,
)
from boxoffice.domain.bookings import Booking
from boxoffice.entrypoints.edge.dependencies import BEARER
from boxoffice.entrypoints.edge.paging import PageNumber, PageOut, PageSize, page_request
from boxoffice.entrypoints.http.dependencies import Sale
from boxoffice.entrypoints.http.schemas.bookings import BookingIn, BookingOut

IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="retrying with the same key returns the first booking instead of booking again",
    ),
]


def _page(found: Page[Booking], tz: ZoneInfo) -> PageOut[BookingOut]:
    return PageOut.of(found.map(lambda b: BookingOut.from_booking(b, tz)))


class BookingController(Controller):
    tags = ["bookings"]
    security = BEARER

    @post("/bookings", summary="Book tickets: 201, or 409 when there are not enough seats")
    async def book(
        self,
        data: JSONBody[BookingIn],
        sale: NamedDependency[Sale],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[BookingOut]:
        command = data.to_command(sale.buyer, idempotency_key)
        outcome = await sale.book_tickets.execute(command)
        headers = {"Idempotent-Replayed": "true"} if outcome.replayed else {}
        body = BookingOut.from_booking(outcome.booking, sale.display_zone)
        return Response(body, status_code=HTTP_201_CREATED, headers=headers)

    @get("/bookings/{booking_id:uuid}", summary="One booking with its tickets (booker or admin)")
    async def get_booking(
        self,
        booking_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        get_booking: NamedDependency[GetBooking],
        display_zone: NamedDependency[ZoneInfo],
    ) -> BookingOut:
        return BookingOut.from_booking(
            await get_booking.execute(GetBookingQuery(principal, booking_id)), display_zone
        )

    @post("/bookings/{booking_id:uuid}/cancel", status_code=200, summary="Cancel a booking")
    async def cancel(
        self,
        booking_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        cancel_booking: NamedDependency[CancelBooking],
        display_zone: NamedDependency[ZoneInfo],
    ) -> BookingOut:
        booking = await cancel_booking.execute(CancelBookingCommand(principal, booking_id))
        return BookingOut.from_booking(booking, display_zone)

    @get("/my/bookings", summary="The caller's bookings, newest first")
    async def my_bookings(
        self,
        principal: NamedDependency[Principal],
        list_user_bookings: NamedDependency[ListUserBookings],
        display_zone: NamedDependency[ZoneInfo],
        page: PageNumber = 1,
        size: PageSize = 20,
    ) -> PageOut[BookingOut]:
        found = await list_user_bookings.execute(
            ListUserBookingsQuery(principal, principal.user_id, page_request(page, size))
        )
        return _page(found, display_zone)

    @get("/users/{user_id:uuid}/bookings", summary="A user's bookings (the user or an admin)")
    async def user_bookings(
        self,
        user_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        list_user_bookings: NamedDependency[ListUserBookings],
        display_zone: NamedDependency[ZoneInfo],
        page: PageNumber = 1,
        size: PageSize = 20,
    ) -> PageOut[BookingOut]:
        found = await list_user_bookings.execute(
            ListUserBookingsQuery(principal, user_id, page_request(page, size))
        )
        return _page(found, display_zone)

    @get("/events/{event_id:uuid}/bookings", summary="An event's bookings (owner or admin)")
    async def event_bookings(
        self,
        event_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        list_event_bookings: NamedDependency[ListEventBookings],
        display_zone: NamedDependency[ZoneInfo],
        page: PageNumber = 1,
        size: PageSize = 20,
    ) -> PageOut[BookingOut]:
        found = await list_event_bookings.execute(
            ListEventBookingsQuery(principal, event_id, page_request(page, size))
        )
        return _page(found, display_zone)
