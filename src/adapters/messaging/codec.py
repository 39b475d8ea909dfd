"""EventChange on the wire: JSON, versioned, the same for every broker."""

from datetime import datetime
from uuid import UUID

import msgspec

from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.ports.message_broker import BrokerMessage


class _Wire(msgspec.Struct, frozen=True, kw_only=True):
    version: int = 1
    id: UUID
    action: ChangeAction
    event_id: UUID
    title: str
    occurred_at: datetime
    actor: str
    creator_id: UUID | None
    recipients: list[UUID] | None


class UndecodableMessage(ValueError):
    """A message body that is not a valid EventChange: it goes to the dead-letter queue."""


_decoder = msgspec.json.Decoder(_Wire)


def encode(change: EventChange) -> BrokerMessage:
    wire = _Wire(
        id=change.id,
        action=change.action,
        event_id=change.event_id,
        title=change.title,
        occurred_at=change.occurred_at,
        actor=change.actor,
        creator_id=change.creator_id,
        recipients=None if change.recipients is None else list(change.recipients),
    )
    return BrokerMessage(str(change.id), change.routing_key, msgspec.json.encode(wire))


def decode(message: BrokerMessage) -> EventChange:
    try:
        wire = _decoder.decode(message.body)
    except msgspec.DecodeError as e:
        raise UndecodableMessage(f"message {message.id}: {e}") from e
    return EventChange(
        id=wire.id,
        action=wire.action,
        event_id=wire.event_id,
        title=wire.title,
        occurred_at=wire.occurred_at,
        actor=wire.actor,
        creator_id=wire.creator_id,
        recipients=None if wire.recipients is None else tuple(wire.recipients),
    )
