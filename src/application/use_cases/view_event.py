from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.lookup import load_event
from boxoffice.domain.events import Event


@dataclass(frozen=True, slots=True)
class ViewedEvent:
    event: Event
    seen_at: datetime  # when it was read: a calendar entry's stamp
    saved: bool | None = None  # whether the viewer saved it; None for an anonymous viewer
    subscribed: bool | None = None  # whether the viewer follows it; None for an anonymous one


@dataclass(frozen=True, slots=True)
class ViewEventQuery:
    event_id: UUID
    viewer: UUID | None = None  # the signed-in user who looks, if any


class ViewEvent:
    """One event as its page shows it: a signed-in viewer also learns whether they saved it
    and whether they follow it."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, query: ViewEventQuery) -> ViewedEvent:
        event_id, viewer = query.event_id, query.viewer
        now = self._clock.now()
        async with self._uow as uow:
            event = await load_event(uow, event_id)
            if viewer is None:
                return ViewedEvent(event, now)
            saved = await uow.saved_events.saved_among(viewer, [event_id])
            subscribed = await uow.subscriptions.subscribed_at(viewer, event_id)
        return ViewedEvent(event, now, event_id in saved, subscribed is not None)
