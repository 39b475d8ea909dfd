"""An upload stores its file before it commits the row that refers to it: when that commit
fails, the file goes again, so none is left that nothing refers to."""

import io
from pathlib import Path
from typing import BinaryIO
from uuid import UUID

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.adapters.images.pillow_cleaner import PillowImageCleaner
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.adapters.storage.filesystem import FilesystemFileStorage
from boxoffice.application.errors import StorageUnavailable
from boxoffice.application.use_cases.upload_attachment import (
    UploadAttachment,
    UploadAttachmentCommand,
)
from boxoffice.domain.attachments import FileKind
from boxoffice.domain.users import Role
from tests.builders import NOW, a_user, an_event, principal_of
from tests.fakes import FixedClock
from tests.images import png


class CommitThatFails(SqlAlchemyUnitOfWork):
    """A database that drops the connection at the commit of an attachment."""

    async def commit(self) -> None:
        raise StorageUnavailable("the connection dropped during the commit")


async def test_a_failed_commit_removes_the_file_it_had_stored(
    engine: AsyncEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = a_user("admin", Role.ADMIN)
    event = an_event(NOW, owner=admin.id)
    async with SqlAlchemyUnitOfWork(engine) as uow:
        await uow.users.add(admin)
        await uow.events.add(event)
        await uow.commit()
    files = FilesystemFileStorage(tmp_path / "files")
    upload = UploadAttachment(
        CommitThatFails(engine), FixedClock(NOW), files, PillowImageCleaner(max_pixels=10**6)
    )
    stored: list[str] = []
    real_put = files.put

    async def put_and_note(key: str, content: BinaryIO, size: int, kind: FileKind) -> None:
        stored.append(key)
        await real_put(key, content, size, kind)

    monkeypatch.setattr(files, "put", put_and_note)

    with pytest.raises(StorageUnavailable):
        await upload.execute(
            UploadAttachmentCommand(
                principal_of(admin), event.id, "poster.png", "image/png", io.BytesIO(png())
            )
        )

    assert len(stored) == 1  # it was stored ...
    assert not await files.exists(stored[0])  # ... and is gone again
    assert [p for p in (tmp_path / "files").rglob("*") if p.is_file()] == []
    async with SqlAlchemyUnitOfWork(engine) as uow:
        assert await uow.attachments.list_for_event(event.id) == []


async def test_a_failed_commit_keeps_a_file_another_attachment_uses(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    admin = a_user("admin", Role.ADMIN)
    one, two = an_event(NOW, owner=admin.id), an_event(NOW, owner=admin.id)
    async with SqlAlchemyUnitOfWork(engine) as uow:
        await uow.users.add(admin)
        await uow.events.add(one)
        await uow.events.add(two)
        await uow.commit()
    files, clock = FilesystemFileStorage(tmp_path / "files"), FixedClock(NOW)
    cleaner = PillowImageCleaner(max_pixels=10**6)
    content = png()

    def command(event_id: UUID) -> UploadAttachmentCommand:
        return UploadAttachmentCommand(
            principal_of(admin), event_id, "poster.png", "image/png", io.BytesIO(content)
        )

    kept = await UploadAttachment(SqlAlchemyUnitOfWork(engine), clock, files, cleaner).execute(
        command(one.id)
    )
    with pytest.raises(StorageUnavailable):
        await UploadAttachment(CommitThatFails(engine), clock, files, cleaner).execute(
            command(two.id)
        )

    assert await files.exists(kept.key)
