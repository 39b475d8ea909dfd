from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import UUID

from boxoffice.application.errors import AttachmentNotFound
from boxoffice.application.ports.file_storage import FileStorage
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.attachments import Attachment


@dataclass(frozen=True, slots=True)
class Download:
    """Either a short-lived URL the storage serves the file at, or its chunks."""

    attachment: Attachment
    url: str | None = None
    chunks: AsyncIterator[bytes] | None = None


@dataclass(frozen=True, slots=True)
class DownloadAttachmentQuery:
    event_id: UUID
    attachment_id: UUID


class DownloadAttachment:
    def __init__(self, uow: UnitOfWork, files: FileStorage) -> None:
        self._uow = uow
        self._files = files

    async def execute(self, query: DownloadAttachmentQuery) -> Download:
        async with self._uow as uow:
            attachment = await uow.attachments.get(query.event_id, query.attachment_id)
        if attachment is None:  # another event's attachment is no attachment of this one
            raise AttachmentNotFound
        key, name, kind = attachment.key, attachment.name, attachment.kind
        url = await self._files.download_url(key, name, kind)
        if url is not None:
            return Download(attachment, url=url)
        return Download(attachment, chunks=await self._files.open(key))
