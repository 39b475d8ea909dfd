"""Sample data for a demo: 3 users (1 admin), 5 events of mixed sizes and dates, bookings and
registrations. Written in one transaction, and only once: seeding again changes nothing."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from uuid import UUID, uuid4

from loguru import logger

from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.ticket_codes import TicketCodes
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.accounts import NewUser
from boxoffice.application.use_cases.create_user import CreateUser, CreateUserCommand
from boxoffice.domain.bookings import Booking
from boxoffice.domain.clock import DEFAULT_ZONE, TimeSlot, zone
from boxoffice.domain.events import Event, EventDetails
from boxoffice.domain.geo import Coordinates
from boxoffice.domain.registrations import Registration
from boxoffice.domain.users import Role

DEMO_PASSWORD = "Demo-pass1!"  # noqa: S105 - published in the README for the demo
DEMO_USERS = (
    NewUser("admin", "admin@boxoffice.example", DEMO_PASSWORD, "Asha Admin", None, Role.ADMIN),
    NewUser("priya", "priya@boxoffice.example", DEMO_PASSWORD, "Priya Customer", "+91 98765 43210"),
    NewUser("rahul", "rahul@boxoffice.example", DEMO_PASSWORD, "Rahul Customer", "+91 91234 56789"),
)
# title, location, city, days ahead, hour (IST), hours long, capacity, price, tags
DEMO_EVENTS: tuple["DemoEvent", ...] = (
    ("Indie Night at the Dome", "NSCI Dome", "Mumbai", 3, 19, 3, 500, "799.00", ("music",)),
    ("Python Pune Meetup", "Thoughtworks Office", "Pune", 10, 10, 4, 60, "0.00", ("tech",)),
    ("Stand-up Saturday", "Canvas Laugh Club", "Mumbai", 1, 21, 2, 5, "499.00", ("comedy",)),
    ("Classical Evening", "Chowdiah Memorial Hall", "Bengaluru", 45, 18, 2, 1000, "1200.00", ()),
    ("Startup Pitch Day", "T-Hub", "Hyderabad", 90, 9, 8, 200, "250.50", ("tech", "business")),
)

# Where the demo venues are (longitude, latitude), so that `near` has something to find.
DEMO_PLACES = {
    "NSCI Dome": Coordinates(72.8172, 19.0176),
    "Thoughtworks Office": Coordinates(73.8837, 18.5534),
    "Canvas Laugh Club": Coordinates(72.8258, 18.9945),
    "Chowdiah Memorial Hall": Coordinates(77.5710, 12.9985),
    "T-Hub": Coordinates(78.3720, 17.4326),
}


@dataclass(frozen=True, slots=True)
class SeedReport:
    created: bool
    users: int = 0
    events: int = 0
    bookings: int = 0
    registrations: int = 0


class SeedDemo:
    def __init__(
        self, uow: UnitOfWork, clock: Clock, create_user: CreateUser, codes: TicketCodes
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._create_user = create_user
        self._codes = codes

    async def execute(self) -> SeedReport:
        async with self._uow as uow:
            if await uow.users.get_by_login(DEMO_USERS[0].username) is not None:
                return SeedReport(created=False)
        admin, priya, rahul = [
            await self._create_user.execute(CreateUserCommand(None, u)) for u in DEMO_USERS
        ]
        now = self._clock.now()
        events = [_event(row, admin.id, now) for row in DEMO_EVENTS]
        bookings = [
            self._booking(priya.id, events[0], 2, now),
            self._booking(rahul.id, events[0], 1, now),
            self._booking(priya.id, events[2], 3, now),
            self._booking(rahul.id, events[4], 4, now),
        ]
        attendees = [("Meera Iyer", "meera@example.com"), ("Arjun Rao", "arjun@example.com")]
        registrations = [Registration(uuid4(), events[1].id, n, e, now) for n, e in attendees]
        events[1].take_seats(len(registrations), now)  # registrations take seats like bookings
        async with self._uow as uow:
            for event in events:
                await uow.events.add(event)
            for booking in bookings:
                await uow.bookings.add(booking)
            for registration in registrations:
                await uow.registrations.add(registration)
            await uow.commit()
        logger.info("demo data seeded")
        return SeedReport(True, len(DEMO_USERS), len(events), len(bookings), len(registrations))

    def _booking(self, user_id: UUID, event: Event, quantity: int, now: datetime) -> Booking:
        event.take_seats(quantity, now)
        d = event.details
        codes = self._codes.issue(quantity)
        return Booking.place(uuid4(), user_id, event.id, d.price, d.currency, codes, now)


DemoEvent = tuple[str, str, str, int, int, int, int, str, tuple[str, ...]]


def _event(row: DemoEvent, owner: UUID, now: datetime) -> Event:
    title, location, city, days, hour, hours, capacity, price, tags = row
    day = (now + timedelta(days=days)).astimezone(zone(DEFAULT_ZONE)).date()
    start = datetime(day.year, day.month, day.day, hour)
    slot = TimeSlot.from_local(start, start + timedelta(hours=hours), DEFAULT_ZONE)
    details = EventDetails(
        title,
        location,
        slot,
        capacity,
        "",
        city,
        Decimal(price),
        "INR",
        tags,
        DEMO_PLACES[location],
    )
    return Event.create(uuid4(), details, owner, now)
