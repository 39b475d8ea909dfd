"""No request may carry a NUL character: PostgreSQL cannot store one in text (psycopg refuses
it, which surfaced as a 500) while SQLite silently would, and no field of ours means one.
Refusing them at the door keeps both backends alike."""

import re
from typing import Any

from litestar import Request
from litestar.exceptions import ValidationException

# In JSON a NUL can only be written as the escape \u0000; an even run of backslashes before it
# would make it the literal text "\u0000" instead.
_NUL_IN_JSON = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_MESSAGE = "must not contain NUL characters"


async def refuse_nul_characters(request: Request[Any, Any, Any]) -> None:
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
    if request.method in {"POST", "PUT", "PATCH"} and _NUL_IN_JSON.search(await request.body()):
        errors.append({"key": "data", "source": "body", "message": _MESSAGE})
    if errors:
        raise ValidationException("NUL characters (\\u0000) are not allowed", extra=errors)
