from datetime import datetime

from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.lookup import load_event
from boxoffice.domain.errors import NotEnoughSeats
from boxoffice.domain.events import Event


async def claim_seats(uow: UnitOfWork, event: Event, quantity: int, now: datetime) -> None:
    """Take seats in one atomic database step; on failure, explain it from a fresh read."""
    if await uow.events.claim_seats(event.id, quantity, now):
        return
    current = await load_event(uow, event.id)
    current.ensure_bookable()
    current.ensure_open(now)
    raise NotEnoughSeats(quantity, current.seats_available or 0)
