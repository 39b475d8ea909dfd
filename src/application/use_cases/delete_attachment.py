from dataclasses import dataclass
from uuid import UUID

from loguru import logger

from boxoffice.application.errors import AttachmentNotFound
from boxoffice.application.ports.file_storage import FileStorage
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_event_manager
from boxoffice.application.services.lookup import load_event
from boxoffice.application.services.unused_files import remove_unused_files


@dataclass(frozen=True, slots=True)
class DeleteAttachmentCommand:
    actor: Principal
    event_id: UUID
    attachment_id: UUID


class DeleteAttachment:
    """The owner or an admin removes an attachment; its file goes once nothing uses it."""

    def __init__(self, uow: UnitOfWork, files: FileStorage) -> None:
        self._uow = uow
        self._files = files

    async def execute(self, command: DeleteAttachmentCommand) -> None:
        async with self._uow as uow:
            require_event_manager(command.actor, await load_event(uow, command.event_id))
            attachment = await uow.attachments.get(command.event_id, command.attachment_id)
            if attachment is None:
                raise AttachmentNotFound
            await uow.attachments.delete(attachment.id)
            await uow.commit()
        await remove_unused_files(self._uow, self._files, [attachment.key])
        logger.bind(event_id=str(command.event_id)).info("attachment {} deleted", attachment.id)
