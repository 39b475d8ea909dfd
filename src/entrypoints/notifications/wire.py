"""What the notification service says: requirement 004's payload, plus the notification id."""

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from boxoffice.application.models.notifications import HistoryItem, Notification

# The store numbers notifications with 32-bit integers: a larger id names nothing, and
# PostgreSQL refuses to compare one with them (an error, not an empty answer).
MAX_NOTIFICATION_ID = 2**31 - 1
# Sign-in and pongs are small; a client has no reason to send more before or after.
MAX_CLIENT_MESSAGE_BYTES = 8192
LastId = Annotated[int, msgspec.Meta(ge=0, le=MAX_NOTIFICATION_ID)]


class EventRef(msgspec.Struct, frozen=True):
    id: UUID
    title: str
    action: str
    timestamp: datetime


class NotificationMessage(msgspec.Struct, frozen=True, kw_only=True):
    type: Literal["notification"] = "notification"
    id: int
    notification_type: str
    event: EventRef
    user: str

    @classmethod
    def of(cls, notification: Notification) -> "NotificationMessage":
        return cls(
            id=notification.id,
            notification_type=notification.kind,
            event=EventRef(
                notification.event_id,
                notification.title,
                notification.action.value,
                notification.occurred_at,
            ),
            user=notification.actor,
        )


class NotificationOut(msgspec.Struct, frozen=True, kw_only=True):
    """One item of GET /notifications: the pushed message and whether the caller read it."""

    id: int
    notification_type: str
    event: EventRef
    user: str
    read: bool

    @classmethod
    def of(cls, item: HistoryItem) -> "NotificationOut":
        pushed = NotificationMessage.of(item.notification)
        return cls(
            id=pushed.id,
            notification_type=pushed.notification_type,
            event=pushed.event,
            user=pushed.user,
            read=item.read,
        )


class AuthMessage(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The client's first message when the token is not in the URL."""

    type: Literal["auth"]
    token: str
    last_id: LastId | None = None


_encoder = msgspec.json.Encoder()
_auth_decoder = msgspec.json.Decoder(AuthMessage)
PING = '{"type":"ping"}'


def render(notification: Notification) -> str:
    return _encoder.encode(NotificationMessage.of(notification)).decode()


def ready(user_id: UUID, replayed: int) -> str:
    """Sent once the `replayed` missed notifications are sent: live ones follow."""
    return _encoder.encode({"type": "ready", "user_id": user_id, "replayed": replayed}).decode()


def decode_auth(text: str) -> AuthMessage:
    """Raises msgspec.DecodeError (a ValueError) for anything else."""
    return _auth_decoder.decode(text)
