"""A notification: one stored EventChange, numbered in the order it was recorded.

The number (`id`) is what a client resumes from. One notification is stored per message,
not per user: `for_everyone` stands for every user without writing a row for each.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.domain.errors import NotFound


class NotificationNotFound(NotFound):
    """No such notification, or not one of the caller's."""


@dataclass(frozen=True, slots=True)
class Notification:
    id: int
    event_id: UUID
    action: ChangeAction
    title: str
    actor: str
    occurred_at: datetime
    for_everyone: bool
    creator_id: UUID | None
    recipients: frozenset[UUID] = frozenset()

    @property
    def kind(self) -> str:
        return self.action.routing_key

    def reaches(self, user_id: UUID) -> bool:
        return self.for_everyone or user_id == self.creator_id or user_id in self.recipients

    @classmethod
    def of(cls, notification_id: int, change: EventChange) -> "Notification":
        return cls(
            id=notification_id,
            event_id=change.event_id,
            action=change.action,
            title=change.title,
            actor=change.actor,
            occurred_at=change.occurred_at,
            for_everyone=change.recipients is None,
            creator_id=change.creator_id,
            recipients=frozenset(change.recipients or ()),
        )


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """A notification as one user sees it in their history."""

    notification: Notification
    read: bool
