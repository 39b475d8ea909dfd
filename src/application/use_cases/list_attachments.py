from uuid import UUID

from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.lookup import load_event
from boxoffice.domain.attachments import Attachment


class ListAttachments:
    """An event's attachments, oldest first: as public as the event."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, event_id: UUID) -> list[Attachment]:
        async with self._uow as uow:
            await load_event(uow, event_id)
            return await uow.attachments.list_for_event(event_id)
