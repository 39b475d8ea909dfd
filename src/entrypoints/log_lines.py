"""How one loguru record becomes one line: plain text for people, one JSON object for machines.

Either way a line is one line: an error is its type and message (no traceback, no local
values; a short list of frames at DEBUG), control characters are escaped, and every piece of
text has been through the redactor first.
"""

import json
import os
import re
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loguru import Record

Redact = Callable[[str], str]
MAX_ERROR_TEXT = 500
MAX_FRAMES = 12
# The request line's message already shows these; text mode does not repeat them after it.
REQUEST_FIELDS = frozenset({"method", "path", "status", "duration_ms"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_controls(text: str) -> str:
    """A newline, carriage return or terminal escape sent by a client cannot start a forged
    line or recolour the terminal: it is written as \\n, \\r, \\x1b."""
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    named = {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}
    return named.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def text_line(record: "Record", redact: Redact, debug: bool) -> str:
    parts = [redact(record["message"])]
    error = _error_of(record, redact, debug)
    if error is not None:
        cause = f" (from {error['cause']})" if "cause" in error else ""
        parts.append(f"{error['type']}: {error['message']}{cause}")
        if "traceback" in error:
            parts.append("at " + " < ".join(reversed(error["traceback"])))
    text = escape_controls(" | ".join(parts))
    extras = " ".join(
        f"{key}={escape_controls(redact(str(value)))}"
        for key, value in record["extra"].items()
        if key not in REQUEST_FIELDS and not key.startswith("_")
    )
    return f"{text} {extras}" if extras else text


def json_line(record: "Record", redact: Redact, debug: bool) -> str:
    line: dict[str, Any] = {
        "time": record["time"].isoformat(),
        "level": record["level"].name,
        "message": redact(record["message"]),
        "logger": record["name"],
        "function": record["function"],
        "line": record["line"],
    }
    error = _error_of(record, redact, debug)
    if error is not None:
        line["error"] = error
    for key, value in record["extra"].items():
        if not key.startswith("_"):
            line.setdefault(key, _json_value(value, redact))
    # ASCII only: U+2028 and the like would split the line for some readers.
    return json.dumps(line, ensure_ascii=True)


def _json_value(value: object, redact: Redact) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    return redact(str(value))


def _error_of(record: "Record", redact: Redact, debug: bool) -> dict[str, Any] | None:
    exception = record["exception"]
    if exception is None or exception.value is None:
        return None
    error = exception.value
    described: dict[str, Any] = _describe(error, redact)
    cause = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    inner = _describe(cause, redact) if cause is not None else None
    # Not when the message quotes its cause already, as SQLAlchemy's errors do.
    if inner is not None and inner["message"] not in described["message"]:
        described["cause"] = f"{inner['type']}: {inner['message']}"
    if debug:
        described["traceback"] = frames(exception.traceback)
    return described


def _describe(error: BaseException, redact: Redact) -> dict[str, Any]:
    kind = type(error)
    module = "" if kind.__module__ == "builtins" else f"{kind.__module__}."
    name = module + kind.__qualname__
    try:
        message = str(error)
    except Exception:  # a broken __str__ must not lose the line
        message = "(unprintable)"
    # Redacted before it is cut, so that a cut cannot leave part of a secret unmasked.
    message = redact(message)
    if len(message) > MAX_ERROR_TEXT:
        message = message[:MAX_ERROR_TEXT] + "..."
    return {"type": name, "message": message}


def frames(tb: TracebackType | None) -> list[str]:
    """Where the error went through, innermost last, as paths relative to the import roots:
    no absolute path of the machine, no local values."""
    return [
        f"{_short_path(frame.filename)}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(tb)[-MAX_FRAMES:]
    ]


def _short_path(filename: str) -> str:
    roots = [root.rstrip(os.sep) + os.sep for root in sys.path if root]
    matching = [root for root in roots if filename.startswith(root)]
    if not matching:
        return os.path.basename(filename)
    return filename[len(max(matching, key=len)) :]
