from datetime import datetime

from loguru import logger

from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.events import Event


async def cancel_event(uow: UnitOfWork, event: Event, now: datetime) -> None:
    """Cancel the event with every booking and ticket of it, inside the caller's transaction."""
    event.change_status(event.status.CANCELLED)
    # Saving first locks the event row, so no booking can slip in before the sweep below.
    await uow.events.save(event)
    cancelled = await uow.bookings.cancel_all_for_event(event.id, now)
    logger.bind(event_id=str(event.id)).info("event cancelled with {} bookings", cancelled)
