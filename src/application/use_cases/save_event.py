"""Save an event for later: ours by its UUID, or a Ticketmaster event by its id.

A Ticketmaster id that is not stored yet is fetched from Ticketmaster and stored with the same
upsert the sync uses, so a user can save an event before any sync imported it.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from boxoffice.application.errors import EventNotFound
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.saved_events import SavedEvent
from boxoffice.application.ports.ticketmaster import TicketmasterGateway
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.lookup import EXTERNAL_ID, as_uuid, find_event
from boxoffice.domain.events import Event
from boxoffice.domain.listings import EventSource


@dataclass(frozen=True, slots=True)
class SaveEventCommand:
    actor: Principal
    event_ref: str  # our event's UUID, or a Ticketmaster event id


@dataclass(frozen=True, slots=True)
class SaveEventResult:
    saved: SavedEvent
    created: bool  # False when the event was already saved


class SaveEvent:
    def __init__(
        self,
        uow: UnitOfWork,
        gateway: TicketmasterGateway,
        clock: Clock,
        lookup_enabled: bool = True,  # False when no Ticketmaster API key is configured
    ) -> None:
        self._uow = uow
        self._gateway = gateway
        self._clock = clock
        self._lookup_enabled = lookup_enabled

    async def execute(self, command: SaveEventCommand) -> SaveEventResult:
        now = self._clock.now()
        async with self._uow as uow:
            event = await find_event(uow, command.event_ref)
            if event is not None:
                return await _save(uow, command.actor.user_id, event, now)
        fetched = await self._fetch(command.event_ref, now)  # no transaction held meanwhile
        async with self._uow as uow:
            await uow.events.upsert_imported(fetched, now)
            stored = await uow.events.get_by_external_id(
                EventSource.TICKETMASTER, command.event_ref
            )
            if stored is None:
                raise EventNotFound
            return await _save(uow, command.actor.user_id, stored, now)

    async def _fetch(self, event_ref: str, now: datetime) -> Event:
        """UpstreamError (the API is down, refuses us, or is over quota) passes through."""
        if not self._lookup_enabled or as_uuid(event_ref) or not EXTERNAL_ID.fullmatch(event_ref):
            raise EventNotFound
        fetched = await self._gateway.event(event_ref, now)
        if fetched is None or fetched.listing is None or fetched.listing.external_id != event_ref:
            raise EventNotFound
        return fetched


async def _save(uow: UnitOfWork, user_id: UUID, event: Event, now: datetime) -> SaveEventResult:
    created = await uow.saved_events.add(user_id, event.id, now)
    saved_at = (
        now if created else (await uow.saved_events.saved_among(user_id, [event.id]))[event.id]
    )
    await uow.commit()
    return SaveEventResult(SavedEvent(event, saved_at), created)
