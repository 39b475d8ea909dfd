"""Files in a local directory (the embedded default): nothing else to run."""

import asyncio
import os
import shutil
import stat
import tempfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from boxoffice.application.errors import FileMissing, FileStorageUnavailable
from boxoffice.domain.attachments import FileKind

CHUNK_BYTES = 1 << 16
T = TypeVar("T")


class FilesystemFileStorage:
    """Each key is a path below `root`; a file appears whole or not at all (written aside,
    then renamed into place)."""

    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    def _path(self, key: str) -> Path:
        path = (self._root / key).resolve()
        if not path.is_relative_to(self._root) or path == self._root:
            raise ValueError(f"a storage key must stay inside the storage: {key!r}")
        return path

    async def put(self, key: str, content: BinaryIO, size: int, kind: FileKind) -> None:
        await _io(lambda: self._write(self._path(key), content, size))

    def _write(self, path: Path, content: BinaryIO, size: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        content.seek(0)
        handle, aside = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                shutil.copyfileobj(content, out, CHUNK_BYTES)
                if out.tell() != size:
                    raise ValueError(f"expected {size} bytes, read {out.tell()}")
            os.replace(aside, path)
        except BaseException:
            Path(aside).unlink(missing_ok=True)
            raise

    async def open(self, key: str) -> AsyncIterator[bytes]:
        path = self._path(key)
        try:
            file = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError as e:
            raise FileMissing from e
        except OSError as e:
            raise _unavailable(e) from e
        return _chunks(file)

    async def download_url(self, key: str, name: str, kind: FileKind) -> str | None:
        return None  # the service streams the file itself

    async def delete(self, key: str) -> None:
        await _io(lambda: self._path(key).unlink(missing_ok=True))

    async def exists(self, key: str) -> bool:
        return await _io(lambda: _is_file(self._path(key)))


def _is_file(path: Path) -> bool:
    """Path.is_file() reads every error as "no": only a missing file is one here."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        return False


async def _chunks(file: BinaryIO) -> AsyncIterator[bytes]:
    try:
        while chunk := await _io(lambda: file.read(CHUNK_BYTES)):
            yield chunk
    finally:
        file.close()


async def _io(work: Callable[[], T]) -> T:
    try:
        return await asyncio.to_thread(work)
    except OSError as e:  # a full disk, a read-only or unmounted directory, no permission
        raise _unavailable(e) from e


def _unavailable(error: OSError) -> FileStorageUnavailable:
    return FileStorageUnavailable(f"the file storage failed: {error.strerror or 'I/O error'}")
