from dataclasses import dataclass
from uuid import UUID

from boxoffice.application.errors import UserNotFound
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_self_or_admin
from boxoffice.domain.bookings import Booking


@dataclass(frozen=True, slots=True)
class ListUserBookingsQuery:
    actor: Principal
    user_id: UUID
    page: PageRequest


class ListUserBookings:
    """A user's bookings, newest first: their own, or anyone's for an admin."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, query: ListUserBookingsQuery) -> Page[Booking]:
        actor, user_id = query.actor, query.user_id
        require_self_or_admin(actor, user_id)
        async with self._uow as uow:
            # An admin asking for someone who does not exist is told so, not shown an empty page.
            if user_id != actor.user_id and await uow.users.get(user_id) is None:
                raise UserNotFound
            return await uow.bookings.list_for_user(user_id, query.page)
