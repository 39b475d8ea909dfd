"""An answer's headers as ASGI sends them, (lowercase name, value) byte pairs, changed in
place by the layers that add their own: cheaper than a case-insensitive mapping built for
every answer."""

from collections.abc import Iterable, Mapping
from typing import Any

from litestar.types import Message

RawHeaders = list[tuple[bytes, bytes]]


def encoded(headers: Mapping[str, str]) -> RawHeaders:
    return [
        (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()
    ]


def headers_of(message: Message) -> RawHeaders:
    """The start message's header list, which the ASGI server sends as it is then."""
    given: Any = message.get("headers", ())
    headers: RawHeaders = given if isinstance(given, list) else list(given)
    message["headers"] = headers  # type: ignore[typeddict-unknown-key]
    return headers


def add_missing(message: Message, added: Iterable[tuple[bytes, bytes]]) -> None:
    """Each header of `added` that the answer does not have already, by name."""
    headers = headers_of(message)
    present = {name.lower() for name, _ in headers}
    headers.extend(pair for pair in added if pair[0] not in present)


def replace(message: Message, name: bytes, value: bytes) -> None:
    """`name` (lowercase) set to `value`, whatever values it had."""
    headers = headers_of(message)
    if any(key.lower() == name for key, _ in headers):
        headers[:] = [(key, old) for key, old in headers if key.lower() != name]
    headers.append((name, value))
