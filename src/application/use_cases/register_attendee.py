from dataclasses import dataclass, field
from uuid import UUID, uuid4

from loguru import logger

from boxoffice.application.errors import RateLimiterUnavailable, TooManyRequests
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.rate_limiter import RateLimiter
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.claim_seats import claim_seats
from boxoffice.application.services.limits import Limit, caller_key, first_refusal
from boxoffice.application.services.lookup import load_event
from boxoffice.domain.registrations import Registration


@dataclass(frozen=True, slots=True)
class RegisterAttendeeCommand:
    event_id: UUID
    name: str
    email: str
    client: str = ""  # the caller's network address, as the entrypoint sees it
    principal: Principal | None = None  # the signed-in caller, if any

    @property
    def caller(self) -> str:
        return caller_key(self.principal, self.client)


@dataclass(frozen=True, slots=True)
class RegistrationLimits:
    per_client: Limit = field(default_factory=lambda: Limit(20, 3600))  # across all events
    per_client_and_event: Limit = field(default_factory=lambda: Limit(5, 3600))


class RegisterAttendee:
    """Anyone may register by name and e-mail (unless the event wants a signed-in user), each
    registration taking one seat; limits per caller keep one client from taking every seat."""

    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        limiter: RateLimiter | None = None,
        limits: RegistrationLimits | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._limiter = limiter
        self._limits = limits or RegistrationLimits()

    async def execute(self, command: RegisterAttendeeCommand) -> Registration:
        # Counted before the transaction: SQLite's write lock is not held across a Redis call.
        await self._count(command)
        now = self._clock.now()
        async with self._uow as uow:
            event = await load_event(uow, command.event_id)
            event.ensure_bookable()
            event.ensure_registrable_by(command.principal is not None)
            event.ensure_open(now)
            user_id = command.principal.user_id if command.principal else None
            registration = Registration.take(
                uuid4(), event.id, command.name, command.email, now, user_id
            )
            # Insert first: an e-mail already registered is told so even when the event is full.
            await uow.registrations.add(registration)
            await claim_seats(uow, event, 1, now)
            await uow.commit()
        logger.bind(event_id=str(event.id)).info("attendee registered")
        return registration

    async def _count(self, command: RegisterAttendeeCommand) -> None:
        if self._limiter is None:
            return
        counters = (
            (
                f"registrations:{command.caller}:{command.event_id}",
                self._limits.per_client_and_event,
            ),
            (f"registrations:{command.caller}", self._limits.per_client),
        )
        try:
            refused = await first_refusal(self._limiter, counters)
        except RateLimiterUnavailable as e:  # fail open, as the edge's limits do
            logger.error("registration limits not applied: {}", e)
            return
        if refused is not None:
            limit, decision = refused
            raise TooManyRequests(
                "registrations", limit.count, limit.window_seconds, decision.reset_after
            )
