"""Tell other services what happened to events: the aggregates' domain events, turned into
outbox messages in the transaction that made them.

The unit of work calls `announce()` at commit (see services/tracking.py), so that the message
and the change are stored together or not at all, and no use case writes a message by hand.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID, uuid4

from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.events import Event
from boxoffice.domain.happenings import (
    AttendeeRegistered,
    BookingCancelled,
    EventCancelled,
    EventCreated,
    EventDeleted,
    EventUpdated,
    Happening,
    ListingChanged,
    TicketsBooked,
)

IMPORT_ACTOR = "ticketmaster"  # the actor of changes a Ticketmaster re-import brings

# What each domain event tells other services; None: nothing (no consumer needs it yet).
MESSAGE_ACTIONS: dict[type[Happening], ChangeAction | None] = {
    EventCreated: ChangeAction.CREATED,
    EventUpdated: ChangeAction.UPDATED,
    EventCancelled: ChangeAction.UPDATED,
    ListingChanged: ChangeAction.UPDATED,
    EventDeleted: ChangeAction.DELETED,
    TicketsBooked: None,
    BookingCancelled: None,
    AttendeeRegistered: None,
}
# One message per event and commit, however many changes: the strongest action names it.
_STRONGEST_FIRST = (ChangeAction.DELETED, ChangeAction.CREATED, ChangeAction.UPDATED)


@dataclass(frozen=True, slots=True)
class Acting:
    """Who makes a transaction's changes, and when: what its messages say."""

    actor: str  # a username, or IMPORT_ACTOR
    at: datetime


class Aggregate(Protocol):
    @property
    def happenings(self) -> list[Happening]: ...


async def announce(uow: UnitOfWork, aggregates: Iterable[Aggregate], acting: Acting | None) -> None:
    """Take the aggregates' new domain events off them and add one outbox message per event
    that changed. A transaction that names nobody acting (seeds, fixtures) announces nothing."""
    changed: dict[UUID, tuple[Event, set[ChangeAction]]] = {}
    for aggregate in aggregates:
        happenings = list(aggregate.happenings)
        aggregate.happenings.clear()
        actions = {a for h in happenings if (a := MESSAGE_ACTIONS[type(h)]) is not None}
        if actions and isinstance(aggregate, Event):
            _, before = changed.get(aggregate.id, (aggregate, set()))
            changed[aggregate.id] = (aggregate, before | actions)  # the latest copy tells
    if acting is None:
        return
    for event, actions in changed.values():
        action = next(a for a in _STRONGEST_FIRST if a in actions)
        await uow.outbox.add(await _change(uow, action, event, acting))


async def _change(
    uow: UnitOfWork, action: ChangeAction, event: Event, acting: Acting
) -> EventChange:
    """A new event goes to everyone; a change or deletion to the event's audience (its
    subscribers and the users who saved it) and its creator, read now: for a deletion, that
    is before the delete cascades the subscriptions away (see services/tracking.py)."""
    recipients: tuple[UUID, ...] | None = None
    if action is not ChangeAction.CREATED:
        audience = await uow.subscriptions.audience(event.id)
        if event.created_by is not None:
            audience.add(event.created_by)
        recipients = tuple(sorted(audience))
    return EventChange(
        id=uuid4(),
        action=action,
        event_id=event.id,
        title=event.details.title,
        occurred_at=acting.at,
        actor=acting.actor,
        creator_id=event.created_by,
        recipients=recipients,
    )
