"""SeedDemo: requirement 002's sample data, written once, with consistent seat accounting."""

from datetime import timedelta

from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.use_cases.create_user import CreateUser
from boxoffice.application.use_cases.log_in import LogIn, LogInCommand
from boxoffice.application.use_cases.seed_demo import DEMO_PASSWORD, SeedDemo, SeedReport
from boxoffice.domain.geo import Circle, Coordinates
from boxoffice.domain.users import Role
from tests.fakes import (
    FakePasswordHasher,
    FakeTicketCodes,
    FakeTokens,
    FixedClock,
    InMemoryUnitOfWork,
)

ALL = PageRequest(1, 100)


def seeder(uow: InMemoryUnitOfWork, clock: FixedClock, hasher: FakePasswordHasher) -> SeedDemo:
    create_user = CreateUser(InMemoryUnitOfWork(uow.store), clock, hasher)
    return SeedDemo(uow, clock, create_user, FakeTicketCodes())


async def test_seeding_creates_three_users_five_events_bookings_and_registrations(
    uow: InMemoryUnitOfWork, clock: FixedClock, hasher: FakePasswordHasher
) -> None:
    report = await seeder(uow, clock, hasher).execute()

    assert report == SeedReport(True, users=3, events=5, bookings=4, registrations=2)
    async with uow:
        users = (await uow.users.list(ALL)).items
        events = (await uow.events.list(EventFilter(page=ALL), clock.now())).items
    assert sorted(u.role for u in users) == [Role.ADMIN, Role.CUSTOMER, Role.CUSTOMER]
    assert len(events) == 5
    assert len({e.details.capacity for e in events}) == 5
    assert all(e.details.slot.start > clock.now() for e in events)
    assert max(e.details.slot.start for e in events) - clock.now() > timedelta(days=30)


async def test_seeding_twice_changes_nothing(
    uow: InMemoryUnitOfWork, clock: FixedClock, hasher: FakePasswordHasher
) -> None:
    seed = seeder(uow, clock, hasher)
    await seed.execute()
    commits, tables = uow.store.commits, uow.store.committed

    again = await seed.execute()

    assert again == SeedReport(created=False)
    assert (uow.store.commits, uow.store.committed) == (commits, tables)


async def test_seeded_seats_taken_are_exactly_the_tickets_and_registrations_held(
    uow: InMemoryUnitOfWork, clock: FixedClock, hasher: FakePasswordHasher
) -> None:
    await seeder(uow, clock, hasher).execute()

    async with uow:
        for event in (await uow.events.list(EventFilter(page=ALL), clock.now())).items:
            stats = await uow.events.stats(event.id)
            assert event.seats_taken == stats.tickets_sold + stats.registrations, (
                event.details.title
            )


async def test_demo_users_can_log_in_with_the_demo_password(
    uow: InMemoryUnitOfWork, clock: FixedClock, hasher: FakePasswordHasher, tokens: FakeTokens
) -> None:
    await seeder(uow, clock, hasher).execute()

    token = await LogIn(uow, hasher, tokens).execute(LogInCommand("admin", DEMO_PASSWORD))

    assert (await tokens.verify(token.token)).is_admin


async def test_the_demo_events_have_places_so_that_near_finds_them(
    uow: InMemoryUnitOfWork, clock: FixedClock, hasher: FakePasswordHasher
) -> None:
    await seeder(uow, clock, hasher).execute()

    near_pune = EventFilter(page=ALL, near=Circle(Coordinates(73.8567, 18.5204), 20))
    async with uow:
        found = (await uow.events.list(near_pune, clock.now())).items
    assert [e.details.title for e in found] == ["Python Pune Meetup"]
