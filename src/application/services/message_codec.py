"""EventChange on the wire: JSON, versioned, the same for every broker.

The format is what the event service promises the services that consume its messages, so it
lives beside the message rather than in one adapter: the outbox (the SQL adapter) writes these
bytes and the notification service reads them, and neither should reach into the other's
technology for it. Standard library only; the bytes are those the service has always written
(compact, UTF-8, fields in this order, UTC times ending in Z), so rows already in an outbox and
messages already in a queue decode alike.
"""

import json
import re
from datetime import datetime
from typing import Any
from uuid import UUID

from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.ports.message_broker import BrokerMessage

VERSION = 1
_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?")


class UndecodableMessage(ValueError):
    """A message body that is not a valid EventChange: it goes to the dead-letter queue."""


def encode(change: EventChange) -> BrokerMessage:
    wire = {
        "version": VERSION,
        "id": str(change.id),
        "action": change.action.value,
        "event_id": str(change.event_id),
        "title": change.title,
        "occurred_at": _time(change.occurred_at),
        "actor": change.actor,
        "creator_id": None if change.creator_id is None else str(change.creator_id),
        "recipients": None if change.recipients is None else [str(r) for r in change.recipients],
    }
    body = json.dumps(wire, ensure_ascii=False, separators=(",", ":")).encode()
    return BrokerMessage(str(change.id), change.routing_key, body)


def decode(message: BrokerMessage) -> EventChange:
    try:
        wire = json.loads(message.body)
        if not isinstance(wire, dict):
            raise ValueError("expected an object")
        version = wire.get("version", VERSION)
        if isinstance(version, bool) or not isinstance(version, int):
            raise ValueError("`version`: expected an integer")
        recipients = _of(wire, "recipients", (list, type(None)))
        return EventChange(
            id=_uuid(_of(wire, "id", str)),
            action=ChangeAction(_of(wire, "action", str)),
            event_id=_uuid(_of(wire, "event_id", str)),
            title=_of(wire, "title", str),
            occurred_at=_datetime(_of(wire, "occurred_at", str)),
            actor=_of(wire, "actor", str),
            creator_id=_optional_uuid(_of(wire, "creator_id", (str, type(None)))),
            recipients=None if recipients is None else tuple(_uuid(r) for r in recipients),
        )
    # json's errors, a bad UTF-8 body and the checks here alike; nesting too deep to parse
    except (ValueError, RecursionError) as e:
        raise UndecodableMessage(f"message {message.id}: {e}") from e


def _time(moment: datetime) -> str:
    text = moment.isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _of(wire: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    if name not in wire:
        raise ValueError(f"missing required field `{name}`")
    if not isinstance(wire[name], kind):
        raise ValueError(f"`{name}`: wrong type")
    return wire[name]


def _uuid(value: object) -> UUID:
    if not isinstance(value, str) or not _UUID.fullmatch(value):
        raise ValueError(f"invalid UUID: {value!r}")
    return UUID(value)


def _optional_uuid(value: str | None) -> UUID | None:
    return None if value is None else _uuid(value)


def _datetime(value: str) -> datetime:
    if not _TIME.fullmatch(value):
        raise ValueError(f"invalid RFC 3339 time: {value!r}")
    return datetime.fromisoformat(value)
