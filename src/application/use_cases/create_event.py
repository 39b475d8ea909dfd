from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import uuid4

from loguru import logger

from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_admin
from boxoffice.domain.clock import DEFAULT_ZONE, TimeSlot
from boxoffice.domain.events import Event, EventDetails
from boxoffice.domain.geo import Coordinates
from boxoffice.domain.money import DEFAULT_CURRENCY


@dataclass(frozen=True, slots=True)
class CreateEventCommand:
    actor: Principal
    title: str
    location: str
    start_time: datetime
    end_time: datetime
    capacity: int
    description: str = ""
    city: str = ""
    timezone: str = DEFAULT_ZONE
    price: Decimal = Decimal("0")
    currency: str = DEFAULT_CURRENCY
    tags: tuple[str, ...] = ()
    registration_requires_sign_in: bool = False
    coordinates: Coordinates | None = None

    def details(self) -> EventDetails:
        return EventDetails(
            title=self.title,
            location=self.location,
            slot=TimeSlot.from_local(self.start_time, self.end_time, self.timezone),
            capacity=self.capacity,
            description=self.description,
            city=self.city,
            price=self.price,
            currency=self.currency,
            tags=self.tags,
            coordinates=self.coordinates,
        )


class CreateEvent:
    """Admins publish events; with open creation any signed-in user may, and owns them."""

    def __init__(self, uow: UnitOfWork, clock: Clock, open_creation: bool = False) -> None:
        self._uow = uow
        self._clock = clock
        self._open_creation = open_creation

    async def execute(self, command: CreateEventCommand) -> Event:
        if not self._open_creation:
            require_admin(command.actor)
        now = self._clock.now()
        event = Event.create(
            uuid4(),
            command.details(),
            command.actor.user_id,
            now,
            registration_requires_sign_in=command.registration_requires_sign_in,
        )
        async with self._uow as uow:
            uow.act_as(command.actor.username, now)
            await uow.events.add(event)
            await uow.commit()
        logger.bind(event_id=str(event.id)).info("event created: {}", event.details.title)
        return event
