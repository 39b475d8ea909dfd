"""What the event service tells other services: one message per change of an event.

The event service writes it to its outbox in the same transaction as the change (so the two
cannot disagree); the relay publishes it; the notification service turns it into notifications.
It is an integration message, not a domain event: it carries what a consumer needs (the title,
who acted, who should hear about it) so that consumers never call back.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class ChangeAction(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"

    @property
    def routing_key(self) -> str:
        return f"event.{self.value}"


@dataclass(frozen=True, slots=True)
class EventChange:
    """`recipients` None means everyone (a newly created event); otherwise the users to tell:
    the event's subscribers, the users who saved it, and its creator, fixed when the change
    was committed (a deleted event's subscriptions are gone by the time anyone consumes)."""

    id: UUID  # the message id: consumers drop a second delivery of the same id
    action: ChangeAction
    event_id: UUID
    title: str
    occurred_at: datetime  # UTC
    actor: str  # the username who acted ("ticketmaster" for an import)
    creator_id: UUID | None
    recipients: tuple[UUID, ...] | None

    @property
    def routing_key(self) -> str:
        return self.action.routing_key

    def reaches(self, user_id: UUID) -> bool:
        return self.recipients is None or user_id in self.recipients or user_id == self.creator_id
