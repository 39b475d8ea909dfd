"""The attachment use cases against fakes: who may, what is stored, what goes when."""

import io
from typing import BinaryIO

import pytest

from boxoffice.application.errors import (
    AttachmentNotFound,
    FileStorageUnavailable,
    PermissionDenied,
)
from boxoffice.application.use_cases.delete_attachment import (
    DeleteAttachment,
    DeleteAttachmentCommand,
)
from boxoffice.application.use_cases.download_attachment import (
    DownloadAttachment,
    DownloadAttachmentQuery,
)
from boxoffice.application.use_cases.upload_attachment import (
    UploadAttachment,
    UploadAttachmentCommand,
)
from boxoffice.domain.attachments import FileKind
from boxoffice.domain.events import Event
from tests.fake_attachments import InMemoryFileStorage
from tests.fakes import FixedClock, InMemoryStore, InMemoryUnitOfWork
from tests.images import PDF
from tests.unit.application.conftest import AddEvent, People


class UnchangedImages:
    async def without_location(self, kind: FileKind, content: BinaryIO) -> BinaryIO:
        return content


@pytest.fixture
def files() -> InMemoryFileStorage:
    return InMemoryFileStorage()


@pytest.fixture
def upload(
    uow: InMemoryUnitOfWork, clock: FixedClock, files: InMemoryFileStorage
) -> UploadAttachment:
    return UploadAttachment(uow, clock, files, UnchangedImages())


@pytest.fixture
async def event(add_event: AddEvent) -> Event:
    return await add_event()


def pdf_of(people: People, event: Event, who: str = "owner") -> UploadAttachmentCommand:
    actor = getattr(people, who)
    return UploadAttachmentCommand(
        actor, event.id, "programme.pdf", "application/pdf", io.BytesIO(PDF)
    )


async def test_the_owner_attaches_a_file_stored_under_its_content(
    upload: UploadAttachment, files: InMemoryFileStorage, people: People, event: Event
) -> None:
    attachment = await upload.execute(pdf_of(people, event))

    assert files.files == {attachment.key: PDF}
    assert attachment.size == len(PDF)
    assert attachment.uploaded_by == people.owner.user_id


async def test_a_stranger_stores_nothing(
    upload: UploadAttachment, files: InMemoryFileStorage, people: People, event: Event
) -> None:
    with pytest.raises(PermissionDenied):
        await upload.execute(pdf_of(people, event, "stranger"))

    assert files.files == {}


async def test_a_storage_that_is_down_records_no_attachment(
    upload: UploadAttachment,
    files: InMemoryFileStorage,
    uow: InMemoryUnitOfWork,
    people: People,
    event: Event,
) -> None:
    files.down = True

    with pytest.raises(FileStorageUnavailable):
        await upload.execute(pdf_of(people, event))

    async with uow:
        assert await uow.attachments.list_for_event(event.id) == []


async def test_a_file_deleted_under_an_upload_of_the_same_content_is_stored_again(
    store: InMemoryStore, clock: FixedClock, files: InMemoryFileStorage, people: People,
    event: Event,
) -> None:  # fmt: skip
    class RemovalRacesTheCommit(InMemoryUnitOfWork):
        """Another attachment of the same content is removed, its file with it, just as
        this upload commits (its check for users of the key came just before)."""

        async def commit(self) -> None:
            await super().commit()
            files.files.clear()

    upload = UploadAttachment(RemovalRacesTheCommit(store), clock, files, UnchangedImages())

    attachment = await upload.execute(pdf_of(people, event))

    assert files.files == {attachment.key: PDF}


async def test_removing_an_attachment_keeps_the_file_another_one_shares(
    upload: UploadAttachment,
    files: InMemoryFileStorage,
    uow: InMemoryUnitOfWork,
    people: People,
    add_event: AddEvent,
) -> None:
    one, two = await add_event(), await add_event()
    first = await upload.execute(pdf_of(people, one))
    second = await upload.execute(pdf_of(people, two))
    remove = DeleteAttachment(uow, files)

    await remove.execute(DeleteAttachmentCommand(people.owner, one.id, first.id))
    assert files.files == {second.key: PDF}

    await remove.execute(DeleteAttachmentCommand(people.owner, two.id, second.id))
    assert files.files == {}


async def test_an_attachment_is_not_found_through_another_event(
    upload: UploadAttachment,
    files: InMemoryFileStorage,
    uow: InMemoryUnitOfWork,
    people: People,
    add_event: AddEvent,
) -> None:
    mine, other = await add_event(), await add_event()
    attachment = await upload.execute(pdf_of(people, mine))

    with pytest.raises(AttachmentNotFound):
        await DownloadAttachment(uow, files).execute(
            DownloadAttachmentQuery(other.id, attachment.id)
        )
    with pytest.raises(AttachmentNotFound):
        await DeleteAttachment(uow, files).execute(
            DeleteAttachmentCommand(people.owner, other.id, attachment.id)
        )
