from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from loguru import logger

from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.file_storage import FileStorage
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_event_manager
from boxoffice.application.services.cancel_event import cancel_event
from boxoffice.application.services.lookup import load_event
from boxoffice.application.services.unused_files import remove_unused_files
from boxoffice.domain.events import Event


class DeleteOutcome(StrEnum):
    DELETED = "deleted"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class DeleteEventCommand:
    actor: Principal
    event_id: UUID


@dataclass(frozen=True, slots=True)
class DeleteEventResult:
    outcome: DeleteOutcome
    event: Event


class DeleteEvent:
    """Delete an event nobody booked or registered for, and its files; otherwise cancel it,
    keeping history."""

    def __init__(self, uow: UnitOfWork, clock: Clock, files: FileStorage) -> None:
        self._uow = uow
        self._clock = clock
        self._files = files

    async def execute(self, command: DeleteEventCommand) -> DeleteEventResult:
        now = self._clock.now()
        files: set[str] = set()
        async with self._uow as uow:
            uow.act_as(command.actor.username, now)
            event = await load_event(uow, command.event_id)
            require_event_manager(command.actor, event)
            if await uow.bookings.any_for_event(event.id) or await uow.registrations.any_for_event(
                event.id
            ):
                await cancel_event(uow, event, now)
                outcome = DeleteOutcome.CANCELLED
            else:
                event.delete()
                files = await uow.attachments.keys_for_event(event.id)
                # Announced by the delete itself, before it cascades the subscriptions away.
                await uow.events.delete(event.id)
                outcome = DeleteOutcome.DELETED
            await uow.commit()
        await remove_unused_files(self._uow, self._files, files)
        logger.bind(event_id=str(event.id)).info("event {}", outcome.value)
        return DeleteEventResult(outcome, event)
