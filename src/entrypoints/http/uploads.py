"""One file from a multipart/form-data body, streamed to a spooled temporary file as it
arrives: the size limit stops the upload at the first byte past it, and nothing but the
part being received is ever held in memory (up to SPOOL_BYTES of it; the rest on disk).

Litestar's own form parsing takes any number of parts and fields, each without a limit of
its own; this reader takes exactly one part, named `file`, with a file name."""

import re
import tempfile
from dataclasses import dataclass
from typing import Any, BinaryIO

from litestar import Request
from litestar.exceptions import ValidationException
from litestar.types import Scope
from multipart import MultipartError, MultipartSegment, PushMultipartParser

from boxoffice.domain.errors import FileTooLarge
from boxoffice.entrypoints.edge.request_limits import Wider
from boxoffice.entrypoints.edge.strict_json import UnsupportedMediaType
from boxoffice.entrypoints.settings import Settings

FIELD = "file"
SPOOL_BYTES = 1 << 20
# What a multipart body may add around the file: boundaries and one part's headers.
MULTIPART_OVERHEAD_BYTES = 16 * 1024
UPLOAD_PATH = re.compile(r"/events/[^/]+/attachments/?")


def upload_bounds(settings: Settings) -> Wider:
    """Uploads take a file of up to the attachment limit (the reader holds it to exactly that),
    and the time a large file takes to send."""
    bounds = (
        settings.storage.attachment_max_bytes + MULTIPART_OVERHEAD_BYTES,
        settings.storage.attachment_upload_seconds,
    )

    def wider(scope: Scope) -> tuple[int, float] | None:
        is_upload = scope.get("method") == "POST" and UPLOAD_PATH.fullmatch(scope["path"])
        return bounds if is_upload else None

    return wider


@dataclass(frozen=True, slots=True)
class ReceivedFile:
    name: str
    content_type: str
    content: BinaryIO


async def receive_file(request: Request[Any, Any, Any], max_bytes: int) -> ReceivedFile:
    media_type, options = request.content_type
    if media_type != "multipart/form-data":
        sent = f"not {media_type[:100]}" if media_type else "not without a Content-Type"
        raise UnsupportedMediaType(detail=f"send the file as multipart/form-data, {sent}")
    boundary = options.get("boundary", "")
    if not boundary:
        raise _invalid("the multipart/form-data Content-Type needs a boundary")
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    try:
        segment = await _stream_into(spool, request, boundary, max_bytes)
    except BaseException:
        spool.close()
        raise
    name = segment.filename or ""
    content_type = segment.content_type or ""
    return ReceivedFile(name, content_type, spool)  # type: ignore[arg-type]


async def _stream_into(
    spool: Any, request: Request[Any, Any, Any], boundary: str, max_bytes: int
) -> MultipartSegment:
    found: MultipartSegment | None = None
    received = 0
    try:
        with PushMultipartParser(boundary, max_segment_count=2, strict=True) as parser:
            async for chunk in request.stream():
                for event in parser.parse(chunk):
                    if isinstance(event, MultipartSegment):
                        if found is not None or event.name != FIELD or event.filename is None:
                            raise _invalid(f"send one part, named {FIELD!r}, with a file name")
                        found = event
                    elif event:
                        received += len(event)
                        if received > max_bytes:
                            raise FileTooLarge(max_bytes)
                        spool.write(event)
                if parser.closed:
                    break
    except MultipartError as e:
        raise _invalid(f"the multipart body is malformed: {e}") from None
    if found is None:
        raise _invalid(f"send one part, named {FIELD!r}, with a file name")
    return found


def _invalid(message: str) -> ValidationException:
    error = {"key": FIELD, "source": "body", "message": message}
    return ValidationException(message, extra=[error])
