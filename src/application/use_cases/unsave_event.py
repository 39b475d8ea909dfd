from dataclasses import dataclass

from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.lookup import find_event


@dataclass(frozen=True, slots=True)
class UnsaveEventCommand:
    actor: Principal
    event_ref: str  # our event's UUID, or a Ticketmaster event id


class UnsaveEvent:
    """Forget a saved event. Unsaving what is not saved (or does not exist) changes nothing:
    the caller's wish, that it is not saved, holds either way."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, command: UnsaveEventCommand) -> None:
        async with self._uow as uow:
            event = await find_event(uow, command.event_ref)
            if event is None:
                return
            await uow.saved_events.remove(command.actor.user_id, event.id)
            await uow.commit()
