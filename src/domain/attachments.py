"""Files an organiser attaches to an event: which kinds are taken, what they are called, and
where their bytes live (a key derived from the content, so equal files are stored once)."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from boxoffice.domain.errors import InvalidValue, UnsupportedFile

MAX_NAME_LENGTH = 200
SNIFF_BYTES = 16
_SHA256 = re.compile(r"[0-9a-f]{64}")


class FileKind(StrEnum):
    """The allow-list: the media type each kind is declared as."""

    PNG = "image/png"
    JPEG = "image/jpeg"
    WEBP = "image/webp"
    PDF = "application/pdf"

    @property
    def is_image(self) -> bool:
        return self is not FileKind.PDF

    @property
    def extensions(self) -> tuple[str, ...]:
        return _EXTENSIONS[self]


_EXTENSIONS = {
    FileKind.PNG: (".png",),
    FileKind.JPEG: (".jpg", ".jpeg"),
    FileKind.WEBP: (".webp",),
    FileKind.PDF: (".pdf",),
}


def sniff(head: bytes) -> FileKind | None:
    """The kind the first bytes show (magic numbers), whatever the file claims to be."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileKind.WEBP
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    return None


def display_name(raw: str) -> str:
    """The name shown for a file: a bare name, never a path, with no control characters."""
    name = unicodedata.normalize("NFC", raw).strip()
    if not name:
        raise InvalidValue("file", "the file needs a name")
    if "/" in name or "\\" in name or name in (".", "..") or ":" in name:
        raise InvalidValue("file", "the file name must be a bare name, not a path")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        raise InvalidValue("file", "the file name must not contain control characters")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidValue("file", f"the file name must be at most {MAX_NAME_LENGTH} characters")
    return name


def file_kind(declared: str, name: str, head: bytes) -> FileKind:
    """The file's kind when its declared type is taken (UnsupportedFile otherwise), and its
    extension and its content agree with it (InvalidValue otherwise)."""
    try:
        kind = FileKind(declared.partition(";")[0].strip().lower())
    except ValueError:
        allowed = ", ".join(k.value for k in FileKind)
        raise UnsupportedFile(f"{declared[:100]!r} is not taken; send one of {allowed}") from None
    # A type that is taken, on a file that is not what it claims: unacceptable content.
    if not name.lower().endswith(kind.extensions):
        detail = f"a {kind.value} file's name ends in {' or '.join(kind.extensions)}"
        raise InvalidValue("file", detail)
    if sniff(head) is not kind:
        raise InvalidValue("file", f"the file's content is not {kind.value}")
    return kind


def content_key(sha256: str) -> str:
    """Where a file's bytes are stored: the same content always has the same key."""
    if not _SHA256.fullmatch(sha256):
        raise InvalidValue("sha256", "must be 64 lower-case hexadecimal digits")
    return f"sha256/{sha256[:2]}/{sha256}"


@dataclass(frozen=True, slots=True)
class Attachment:
    id: UUID
    event_id: UUID
    name: str
    kind: FileKind
    size: int
    sha256: str
    created_at: datetime
    uploaded_by: UUID | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", display_name(self.name))
        if self.size <= 0:
            raise InvalidValue("file", "the file is empty")
        content_key(self.sha256)

    @property
    def key(self) -> str:
        return content_key(self.sha256)
