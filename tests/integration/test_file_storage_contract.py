"""One contract for every FileStorage: the fake, a directory, and a real S3-compatible server."""

import io
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from boxoffice.adapters.storage.filesystem import FilesystemFileStorage
from boxoffice.adapters.storage.s3 import S3FileStorage
from boxoffice.application.errors import FileMissing, FileStorageUnavailable
from boxoffice.application.ports.file_storage import FileStorage
from boxoffice.domain.attachments import FileKind, content_key
from tests.fake_attachments import InMemoryFileStorage
from tests.fake_ticketmaster import free_port
from tests.s3_server import location, make_bucket, s3_endpoint

__all__ = ["s3_endpoint"]  # the fixture, started once per run

KEY = content_key("ab" * 32)
OTHER_KEY = content_key("cd" * 32)
CONTENT = b"%PDF-1.4\n" + bytes(range(256)) * 1000  # several chunks


@pytest.fixture(params=["memory", "filesystem", "s3"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> FileStorage:
    if request.param == "memory":
        return InMemoryFileStorage()
    if request.param == "filesystem":
        return FilesystemFileStorage(tmp_path / "files")
    endpoint = request.getfixturevalue("s3_endpoint")
    return S3FileStorage(location(endpoint, make_bucket(endpoint)))


async def read_all(chunks: AsyncIterator[bytes]) -> bytes:
    return b"".join([chunk async for chunk in chunks])


async def test_a_stored_file_reads_back_byte_for_byte(storage: FileStorage) -> None:
    await storage.put(KEY, io.BytesIO(CONTENT), len(CONTENT), FileKind.PDF)

    assert await storage.exists(KEY)
    assert await read_all(await storage.open(KEY)) == CONTENT


async def test_a_spooled_file_read_to_its_end_is_stored_from_its_start(
    storage: FileStorage,
) -> None:
    with tempfile.SpooledTemporaryFile(max_size=1024) as spooled:
        spooled.write(CONTENT)  # rolled over to disk, positioned at the end
        # typeshed's SpooledTemporaryFile is an IO[bytes] but not a BinaryIO, which it acts as.
        await storage.put(KEY, spooled, len(CONTENT), FileKind.PDF)  # type: ignore[arg-type]

    assert await read_all(await storage.open(KEY)) == CONTENT


async def test_storing_the_same_key_again_keeps_one_file(storage: FileStorage) -> None:
    await storage.put(KEY, io.BytesIO(CONTENT), len(CONTENT), FileKind.PDF)
    await storage.put(KEY, io.BytesIO(CONTENT), len(CONTENT), FileKind.PDF)
    await storage.delete(KEY)

    assert not await storage.exists(KEY)


async def test_a_key_never_stored_is_missing_and_deleting_it_is_no_error(
    storage: FileStorage,
) -> None:
    assert not await storage.exists(KEY)
    with pytest.raises(FileMissing):
        await storage.open(KEY)
    await storage.delete(KEY)


async def test_deleting_one_key_leaves_the_others(storage: FileStorage) -> None:
    await storage.put(KEY, io.BytesIO(CONTENT), len(CONTENT), FileKind.PDF)
    await storage.put(OTHER_KEY, io.BytesIO(b"%PDF-2"), 6, FileKind.PDF)

    await storage.delete(KEY)

    assert not await storage.exists(KEY)
    assert await read_all(await storage.open(OTHER_KEY)) == b"%PDF-2"


async def test_a_download_url_when_given_serves_the_file_under_its_name(
    storage: FileStorage,
) -> None:
    await storage.put(KEY, io.BytesIO(CONTENT), len(CONTENT), FileKind.PDF)

    url = await storage.download_url(KEY, "Programme été.pdf", FileKind.PDF)

    if isinstance(storage, S3FileStorage):
        assert url is not None
        async with httpx.AsyncClient() as client:
            answer = await client.get(url)
        assert answer.status_code == 200
        assert answer.content == CONTENT
        assert answer.headers["content-type"] == "application/pdf"
        disposition = answer.headers["content-disposition"]
        assert disposition.startswith('attachment; filename="Programme _t_.pdf"')
        assert "filename*=UTF-8''Programme%20%C3%A9t%C3%A9.pdf" in disposition
    else:
        assert url is None  # the service streams it


async def test_a_filesystem_that_cannot_be_written_is_unavailable(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the directory should be")
    storage = FilesystemFileStorage(blocked)

    with pytest.raises(FileStorageUnavailable):
        await storage.put(KEY, io.BytesIO(CONTENT), len(CONTENT), FileKind.PDF)
    with pytest.raises(FileStorageUnavailable):
        await storage.exists(KEY)


async def test_an_s3_server_that_does_not_answer_is_unavailable() -> None:
    storage = S3FileStorage(location(f"http://127.0.0.1:{free_port()}", "nobody-listens"))

    with pytest.raises(FileStorageUnavailable):
        await storage.put(KEY, io.BytesIO(CONTENT), len(CONTENT), FileKind.PDF)
    with pytest.raises(FileStorageUnavailable):
        await storage.exists(KEY)


async def test_a_missing_bucket_is_unavailable_not_missing(s3_endpoint: str) -> None:
    storage = S3FileStorage(location(s3_endpoint, "no-such-bucket-here"))

    with pytest.raises(FileStorageUnavailable):
        await storage.put(KEY, io.BytesIO(CONTENT), len(CONTENT), FileKind.PDF)
