from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from uuid import UUID

from loguru import logger

from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_event_manager
from boxoffice.application.services.cancel_event import cancel_event
from boxoffice.application.services.lookup import load_event
from boxoffice.domain.clock import TimeSlot, to_utc, zone
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.events import Event, EventDetails, EventStatus
from boxoffice.domain.geo import Coordinates


class Keep(Enum):
    """Leaves a field that may also be cleared (set to None) as it is."""

    KEEP = "keep"


@dataclass(frozen=True, slots=True)
class EventChanges:
    """The fields to change; None leaves a field as it is (PUT simply sends them all)."""

    title: str | None = None
    description: str | None = None
    location: str | None = None
    city: str | None = None
    start_time: datetime | None = None
    end_time: datetime | None = None
    timezone: str | None = None
    capacity: int | None = None
    price: Decimal | None = None
    currency: str | None = None
    tags: tuple[str, ...] | None = None
    status: EventStatus | None = None
    registration_requires_sign_in: bool | None = None
    coordinates: Coordinates | Keep | None = Keep.KEEP  # None clears them
    attachment_id: UUID | None = None

    def slot(self, current: TimeSlot, now: datetime) -> TimeSlot:
        """The new slot. Naive times are read in the new (or current) zone; a moved start
        may not be in the past. Changing only the zone keeps the instants."""
        timezone = self.timezone or current.timezone
        tz = zone(timezone)
        start = (
            current.start if self.start_time is None else to_utc(self.start_time, tz, "start_time")
        )
        end = current.end if self.end_time is None else to_utc(self.end_time, tz, "end_time")
        if self.start_time is not None and start != current.start and start <= now:
            raise InvalidValue("start_time", "must not be in the past")
        return TimeSlot(start, end, timezone)

    def apply(self, current: EventDetails, now: datetime) -> EventDetails:
        given = {
            name: getattr(self, name)
            for name in (
                "title",
                "description",
                "location",
                "city",
                "capacity",
                "price",
                "currency",
                "tags",
            )
            if getattr(self, name) is not None
        }
        if self.coordinates is not Keep.KEEP:
            given["coordinates"] = self.coordinates
        return EventDetails(**{**_as_dict(current), **given, "slot": self.slot(current.slot, now)})


async def _choose_attachment(uow: UnitOfWork, event: Event, attachment_id: UUID) -> None:
    if await uow.attachments.get(event.id, attachment_id) is None:
        raise InvalidValue("attachment_id", "the event has no attachment with this id")
    event.choose_attachment(attachment_id)


def _as_dict(details: EventDetails) -> dict[str, object]:
    return {name: getattr(details, name) for name in EventDetails.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class UpdateEventCommand:
    actor: Principal
    event_id: UUID
    changes: EventChanges


class UpdateEvent:
    """The owner or an admin edits an event; setting status `cancelled` cancels it fully."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: UpdateEventCommand) -> Event:
        now = self._clock.now()
        async with self._uow as uow:
            uow.act_as(command.actor.username, now)
            event = await load_event(uow, command.event_id)
            require_event_manager(command.actor, event)
            event.revise(command.changes.apply(event.details, now))
            if command.changes.registration_requires_sign_in is not None:
                event.require_sign_in_to_register(command.changes.registration_requires_sign_in)
            if command.changes.attachment_id is not None:
                await _choose_attachment(uow, event, command.changes.attachment_id)
            if command.changes.status is EventStatus.CANCELLED:
                await cancel_event(uow, event, now)
            elif command.changes.status is not None:
                event.change_status(command.changes.status)
            # The commit announces what the aggregate recorded: no change, no news.
            await uow.events.save(event)
            await uow.commit()
        logger.bind(event_id=str(event.id)).info("event updated")
        return event
