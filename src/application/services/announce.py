"""Tell other services about a change of an event: an outbox message in the same transaction.

Call it inside the unit of work that makes the change, before the commit, so that the message
and the change are stored together or not at all.
"""

from datetime import datetime
from uuid import UUID, uuid4

from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.events import Event

IMPORT_ACTOR = "ticketmaster"  # the actor of changes a Ticketmaster re-import brings


async def announce(
    uow: UnitOfWork, action: ChangeAction, event: Event, actor: str, now: datetime
) -> None:
    """A new event goes to everyone; a change or deletion to the event's audience (its
    subscribers and the users who saved it) and its creator, read now: before a delete
    cascades the subscriptions away."""
    recipients: tuple[UUID, ...] | None = None
    if action is not ChangeAction.CREATED:
        audience = await uow.subscriptions.audience(event.id)
        if event.created_by is not None:
            audience.add(event.created_by)
        recipients = tuple(sorted(audience))
    change = EventChange(
        id=uuid4(),
        action=action,
        event_id=event.id,
        title=event.details.title,
        occurred_at=now,
        actor=actor,
        creator_id=event.created_by,
        recipients=recipients,
    )
    await uow.outbox.add(change)
