"""No request may carry a NUL character: PostgreSQL cannot store one in text (psycopg refuses
it, which surfaced as a 500) while SQLite silently would, and no field of ours means one.
Refusing them at the door keeps both backends alike.

The query and headers are checked before routing; a body only where it is decoded
(strict_json.py), so that nothing reads a body before the handler asks for it."""

import re
from collections.abc import Iterable
from typing import Any

from litestar import Request
from litestar.exceptions import ValidationException

# In JSON a NUL can only be written as the escape \u0000; an even run of backslashes before it
# would make it the literal text "\u0000" instead.
_NUL_IN_JSON = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_MESSAGE = "must not contain NUL characters"
_TITLE = "NUL characters (\\u0000) are not allowed"


async def refuse_nul_characters(request: Request[Any, Any, Any]) -> None:
    if not _may_hold_nul(request.scope["query_string"], request.scope["headers"]):
        return
    errors = [
        {"key": key, "source": "query", "message": _MESSAGE}
        for key, value in request.query_params.multi_items()
        if "\x00" in key + value
    ]
    errors += [
        {"key": name, "source": "header", "message": _MESSAGE}
        for name, value in request.headers.items()
        if "\x00" in value
    ]
    if errors:
        raise ValidationException(_TITLE, extra=errors)


def _may_hold_nul(query: bytes, headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """Looked for in the raw bytes first, which most requests pass at once: a query spells a
    NUL as itself or as %00 (the decoded parameters are checked when it may hold one)."""
    if b"\x00" in query or b"%00" in query:
        return True
    return any(b"\x00" in value for _, value in headers)


def refuse_nul_in_json(body: bytes) -> None:
    if _NUL_IN_JSON.search(body):
        raise ValidationException(
            _TITLE, extra=[{"key": "data", "source": "body", "message": _MESSAGE}]
        )
