"""Follow an event (ours or an imported one, by our UUID or its Ticketmaster id): its changes
and its deletion reach the subscriber. Unlike saving, nothing is fetched from Ticketmaster."""

from dataclasses import dataclass

from boxoffice.application.errors import EventNotFound
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.subscriptions import Subscription
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.lookup import find_event


@dataclass(frozen=True, slots=True)
class SubscribeCommand:
    actor: Principal
    event_ref: str  # our event's UUID, or a stored Ticketmaster event's id


@dataclass(frozen=True, slots=True)
class SubscribeResult:
    subscription: Subscription
    created: bool  # False when the caller was already subscribed


class SubscribeToEvent:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: SubscribeCommand) -> SubscribeResult:
        now, user_id = self._clock.now(), command.actor.user_id
        async with self._uow as uow:
            event = await find_event(uow, command.event_ref)
            if event is None:
                raise EventNotFound
            created = await uow.subscriptions.add(user_id, event.id, now)
            since = now if created else await uow.subscriptions.subscribed_at(user_id, event.id)
            await uow.commit()
        return SubscribeResult(Subscription(event, since or now), created)
