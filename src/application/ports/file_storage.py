"""Where attachments' bytes live, each under the key its content gives it."""

from collections.abc import AsyncIterator
from typing import BinaryIO, Protocol

from boxoffice.domain.attachments import FileKind


class FileStorage(Protocol):
    """Every method raises FileStorageUnavailable when the storage cannot be reached."""

    async def put(self, key: str, content: BinaryIO, size: int, kind: FileKind) -> None:
        """Store `size` bytes read from the start of `content`; the same key is the same
        content, so storing it again changes nothing."""

    async def open(self, key: str) -> AsyncIterator[bytes]:
        """The content in chunks; FileMissing (before any chunk) when nothing is stored."""

    async def download_url(self, key: str, name: str, kind: FileKind) -> str | None:
        """A short-lived URL the storage serves the file at, with the name and type to
        download it as; None when the storage cannot give one (the service streams it)."""

    async def delete(self, key: str) -> None:
        """Removes the content; nothing stored under the key is no error."""

    async def exists(self, key: str) -> bool: ...


class ImageCleaner(Protocol):
    async def without_location(self, kind: FileKind, content: BinaryIO) -> BinaryIO:
        """The image with no GPS position in its metadata (`content` itself when it had
        none); InvalidValue for an image that cannot be read or decodes to too many pixels."""
