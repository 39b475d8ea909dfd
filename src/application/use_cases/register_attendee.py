from dataclasses import dataclass
from uuid import UUID, uuid4

from loguru import logger

from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWork
from application.use_cases.claim_seats import claim_seats
from application.use_cases.get_event import load_event
from domain.registrations import Registration


@dataclass(frozen=True, slots=True)
class RegisterAttendeeCommand:
    event_id: UUID
    name: str
    email: str


class RegisterAttendee:
    """Anyone may register by name and e-mail; each registration takes one seat."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: RegisterAttendeeCommand) -> Registration:
        now = self._clock.now()
        async with self._uow as uow:
            event = await load_event(uow, command.event_id)
            event.ensure_bookable()
            event.ensure_open(now)
            registration = Registration(uuid4(), event.id, command.name, command.email, now)
            # Insert first: an e-mail already registered is told so even when the event is full.
            await uow.registrations.add(registration)
            await claim_seats(uow, event, 1, now)
            await uow.commit()
        logger.bind(event_id=str(event.id)).info("attendee registered")
        return registration
