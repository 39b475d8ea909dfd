"""In-memory attachments and file storage, with the real adapters' contracts."""

import asyncio
from collections.abc import AsyncIterator, Iterable
from typing import BinaryIO
from uuid import UUID

from boxoffice.application.errors import FileMissing, FileStorageUnavailable
from boxoffice.domain.attachments import Attachment, FileKind
from tests.fake_tables import Tables


class InMemoryAttachmentRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    async def add(self, attachment: Attachment) -> None:
        await asyncio.sleep(0)
        self._tables.attachments[attachment.id] = attachment

    async def get(self, event_id: UUID, attachment_id: UUID) -> Attachment | None:
        await asyncio.sleep(0)
        found = self._tables.attachments.get(attachment_id)
        return found if found is not None and found.event_id == event_id else None

    async def list_for_event(self, event_id: UUID) -> list[Attachment]:
        await asyncio.sleep(0)
        mine = [a for a in self._tables.attachments.values() if a.event_id == event_id]
        return sorted(mine, key=lambda a: (a.created_at, a.id))

    async def delete(self, attachment_id: UUID) -> None:
        await asyncio.sleep(0)
        self._tables.attachments.pop(attachment_id, None)
        for event in self._tables.events.values():
            if event.attachment_id == attachment_id:
                event.attachment_id = None

    async def keys_for_event(self, event_id: UUID) -> set[str]:
        return {a.key for a in await self.list_for_event(event_id)}

    async def keys_in_use(self, keys: Iterable[str]) -> set[str]:
        await asyncio.sleep(0)
        return set(keys) & {a.key for a in self._tables.attachments.values()}


class InMemoryFileStorage:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise FileStorageUnavailable("the file storage is down (as the test wants)")

    async def put(self, key: str, content: BinaryIO, size: int, kind: FileKind) -> None:
        self._check()
        content.seek(0)
        self.files[key] = content.read(size)

    async def open(self, key: str) -> AsyncIterator[bytes]:
        self._check()
        if key not in self.files:
            raise FileMissing
        return _once(self.files[key])

    async def download_url(self, key: str, name: str, kind: FileKind) -> str | None:
        self._check()
        return None

    async def delete(self, key: str) -> None:
        self._check()
        self.files.pop(key, None)

    async def exists(self, key: str) -> bool:
        self._check()
        return key in self.files


async def _once(content: bytes) -> AsyncIterator[bytes]:
    yield content
