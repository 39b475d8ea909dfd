"""A stored notification as JSON between notification processes."""

from datetime import datetime
from uuid import UUID

import msgspec

from boxoffice.application.models.messages import ChangeAction
from boxoffice.application.models.notifications import Notification


class _Wire(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    event_id: UUID
    action: ChangeAction
    title: str
    actor: str
    occurred_at: datetime
    for_everyone: bool
    creator_id: UUID | None
    recipients: list[UUID]


_decoder = msgspec.json.Decoder(_Wire)


def encode(notification: Notification) -> bytes:
    return msgspec.json.encode(
        _Wire(
            id=notification.id,
            event_id=notification.event_id,
            action=notification.action,
            title=notification.title,
            actor=notification.actor,
            occurred_at=notification.occurred_at,
            for_everyone=notification.for_everyone,
            creator_id=notification.creator_id,
            recipients=sorted(notification.recipients),
        )
    )


def decode(body: bytes) -> Notification:
    """Raises msgspec.DecodeError for a body that is not a notification."""
    wire = _decoder.decode(body)
    return Notification(
        id=wire.id,
        event_id=wire.event_id,
        action=wire.action,
        title=wire.title,
        actor=wire.actor,
        occurred_at=wire.occurred_at,
        for_everyone=wire.for_everyone,
        creator_id=wire.creator_id,
        recipients=frozenset(wire.recipients),
    )
