import asyncio
import hashlib
from dataclasses import dataclass
from typing import BinaryIO
from uuid import UUID, uuid4

from loguru import logger

from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.file_storage import FileStorage, ImageCleaner
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_event_manager
from boxoffice.application.services.lookup import load_event
from boxoffice.application.services.unused_files import remove_unused_files
from boxoffice.domain.attachments import SNIFF_BYTES, Attachment, display_name, file_kind
from boxoffice.domain.errors import InvalidValue

CHUNK_BYTES = 1 << 16


@dataclass(frozen=True, slots=True)
class UploadAttachmentCommand:
    actor: Principal
    event_id: UUID
    name: str
    declared_type: str
    content: BinaryIO  # read from its start


class UploadAttachment:
    """The owner or an admin attaches a file. Its bytes are stored before the row that refers
    to them is committed, and removed again when that commit does not happen."""

    def __init__(
        self, uow: UnitOfWork, clock: Clock, files: FileStorage, images: ImageCleaner
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._files = files
        self._images = images

    async def execute(self, command: UploadAttachmentCommand) -> Attachment:
        name = display_name(command.name)
        content = command.content
        content.seek(0)
        head = content.read(SNIFF_BYTES)
        if not head:
            raise InvalidValue("file", "the file is empty")
        kind = file_kind(command.declared_type, name, head)
        async with self._uow as uow:  # refused before anything is stored
            require_event_manager(command.actor, await load_event(uow, command.event_id))
        cleaned = await self._images.without_location(kind, content) if kind.is_image else content
        try:
            sha256, size = await asyncio.to_thread(_digest, cleaned)
            attachment = Attachment(
                uuid4(), command.event_id, name, kind, size, sha256, self._clock.now(),
                command.actor.user_id,
            )  # fmt: skip
            await self._files.put(attachment.key, cleaned, size, kind)
            await self._record(command, attachment)
            # Equal content shares a key: a removal that found the key unused just before
            # this commit may have deleted the file since. Stored again, the row has its file.
            if not await self._files.exists(attachment.key):
                await self._files.put(attachment.key, cleaned, size, kind)
        finally:
            if cleaned is not content:
                cleaned.close()
        logger.bind(event_id=str(command.event_id)).info("attachment {} added", attachment.id)
        return attachment

    async def _record(self, command: UploadAttachmentCommand, attachment: Attachment) -> None:
        """Commits the row; its file goes again if that does not happen (unless another
        attachment has the same content)."""
        try:
            async with self._uow as uow:
                require_event_manager(command.actor, await load_event(uow, command.event_id))
                await uow.attachments.add(attachment)
                await uow.commit()
        except BaseException:
            await remove_unused_files(self._uow, self._files, [attachment.key])
            raise


def _digest(content: BinaryIO) -> tuple[str, int]:
    content.seek(0)
    digest, size = hashlib.sha256(), 0
    while chunk := content.read(CHUNK_BYTES):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size
