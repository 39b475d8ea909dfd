"""CreateEvent and UpdateEvent: who may publish and edit, and what an edit may change."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest

from boxoffice.application.errors import EventNotFound, PermissionDenied
from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.create_event import CreateEvent, CreateEventCommand
from boxoffice.application.use_cases.update_event import (
    EventChanges,
    UpdateEvent,
    UpdateEventCommand,
)
from boxoffice.domain.errors import CapacityBelowSeatsTaken, EventNotOpen, InvalidValue
from boxoffice.domain.events import EventStatus
from tests.builders import NOW
from tests.fakes import FixedClock, InMemoryUnitOfWork
from tests.unit.application.conftest import AddEvent, People, stored_event


def new_event(actor: Principal, **overrides: Any) -> CreateEventCommand:
    values: dict[str, Any] = {
        "actor": actor,
        "title": "Indie Night",
        "location": "NSCI Dome",
        "start_time": datetime(2026, 6, 20, 19, 0),
        "end_time": datetime(2026, 6, 20, 22, 0),
        "capacity": 500,
        "city": "Mumbai",
        "price": Decimal("799"),
        "tags": ("Music",),
    }
    return CreateEventCommand(**(values | overrides))


async def test_an_admin_creates_an_event_read_in_its_own_time_zone(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People
) -> None:
    event = await CreateEvent(uow, clock).execute(new_event(people.admin))

    assert event.details.slot.start == datetime(2026, 6, 20, 13, 30, tzinfo=UTC)  # IST
    assert (event.details.price, event.details.tags) == (Decimal("799.00"), ("music",))
    assert (event.created_by, event.created_at) == (people.admin.user_id, NOW)
    assert await stored_event(uow, event.id) == event


async def test_customers_may_not_create_events_by_default(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People
) -> None:
    with pytest.raises(PermissionDenied):
        await CreateEvent(uow, clock).execute(new_event(people.customer))
    assert uow.store.committed.events == {}


async def test_with_open_creation_any_signed_in_user_creates_events_they_own(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People
) -> None:
    event = await CreateEvent(uow, clock, open_creation=True).execute(new_event(people.customer))

    assert (await stored_event(uow, event.id)).created_by == people.customer.user_id


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start_time": datetime(2026, 5, 31, 9, 0)}, "start_time"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
        ({"end_time": datetime(2026, 6, 20, 18, 0)}, "end_time"),
        ({"capacity": 0}, "capacity"),
        ({"start_time": datetime(2026, 3, 8, 2, 30), "timezone": "America/New_York"}, "start_time"),
    ],
)
async def test_an_invalid_event_is_refused_and_nothing_is_stored(
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    people: People,
    overrides: dict[str, Any],
    field: str,
) -> None:
    with pytest.raises(InvalidValue) as raised:
        await CreateEvent(uow, clock).execute(new_event(people.admin, **overrides))
    assert raised.value.field == field
    assert uow.store.committed.events == {}


def update(actor: Principal, event_id: Any, **changes: Any) -> UpdateEventCommand:
    return UpdateEventCommand(actor, event_id, EventChanges(**changes))


@pytest.mark.parametrize("who", ["owner", "admin"])
async def test_the_owner_or_an_admin_edits_only_the_fields_given(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People, add_event: AddEvent, who: str
) -> None:
    event = await add_event()

    updated = await UpdateEvent(uow, clock).execute(
        update(getattr(people, who), event.id, title="Late Jazz", capacity=150)
    )

    stored = await stored_event(uow, event.id)
    assert stored == updated
    assert (stored.details.title, stored.details.capacity) == ("Late Jazz", 150)
    assert stored.details.location == event.details.location
    assert stored.details.slot == event.details.slot


@pytest.mark.parametrize("who", ["customer", "stranger"])
async def test_other_users_may_not_edit_an_event(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People, add_event: AddEvent, who: str
) -> None:
    event = await add_event()

    with pytest.raises(PermissionDenied):
        await UpdateEvent(uow, clock).execute(update(getattr(people, who), event.id, title="Mine"))
    assert (await stored_event(uow, event.id)).details.title == event.details.title


async def test_an_event_nobody_owns_is_editable_by_admins_only(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People, add_event: AddEvent
) -> None:
    event = await add_event()
    event.created_by = None
    async with uow:
        await uow.events.delete(event.id)
        await uow.events.add(event)
        await uow.commit()

    with pytest.raises(PermissionDenied):
        await UpdateEvent(uow, clock).execute(update(people.owner, event.id, title="Mine"))
    await UpdateEvent(uow, clock).execute(update(people.admin, event.id, title="Ours"))


async def test_editing_an_unknown_event_is_not_found(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People
) -> None:
    with pytest.raises(EventNotFound):
        await UpdateEvent(uow, clock).execute(update(people.admin, uuid4(), title="x"))


async def test_capacity_can_never_drop_below_the_seats_taken(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People, add_event: AddEvent
) -> None:
    event = await add_event(capacity=10)
    async with uow:
        await uow.events.claim_seats(event.id, 6, clock.now())
        await uow.commit()

    with pytest.raises(CapacityBelowSeatsTaken):
        await UpdateEvent(uow, clock).execute(update(people.owner, event.id, capacity=5))
    updated = await UpdateEvent(uow, clock).execute(update(people.owner, event.id, capacity=6))

    assert (updated.details.capacity, updated.seats_available) == (6, 0)


async def test_naive_new_times_are_read_in_the_new_zone(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People, add_event: AddEvent
) -> None:
    event = await add_event()

    updated = await UpdateEvent(uow, clock).execute(
        update(
            people.owner,
            event.id,
            start_time=datetime(2026, 7, 1, 18, 0),
            end_time=datetime(2026, 7, 1, 20, 0),
            timezone="Europe/London",
        )
    )

    assert updated.details.slot.start == datetime(2026, 7, 1, 17, 0, tzinfo=UTC)
    assert updated.details.slot.timezone == "Europe/London"


async def test_changing_only_the_zone_keeps_the_instants(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People, add_event: AddEvent
) -> None:
    event = await add_event()

    updated = await UpdateEvent(uow, clock).execute(update(people.owner, event.id, timezone="UTC"))

    assert (updated.details.slot.start, updated.details.slot.end) == (
        event.details.slot.start,
        event.details.slot.end,
    )


async def test_a_start_may_not_be_moved_into_the_past(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People, add_event: AddEvent
) -> None:
    event = await add_event()
    past = NOW - timedelta(hours=1)

    with pytest.raises(InvalidValue) as raised:
        await UpdateEvent(uow, clock).execute(update(people.owner, event.id, start_time=past))
    assert raised.value.field == "start_time"


async def test_an_event_can_be_completed_by_status(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People, add_event: AddEvent
) -> None:
    event = await add_event()

    await UpdateEvent(uow, clock).execute(
        update(people.owner, event.id, status=EventStatus.COMPLETED)
    )

    assert (await stored_event(uow, event.id)).status is EventStatus.COMPLETED


async def test_a_cancelled_event_can_no_longer_be_edited(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People, add_event: AddEvent
) -> None:
    event = await add_event()
    use_case = UpdateEvent(uow, clock)
    await use_case.execute(update(people.owner, event.id, status=EventStatus.CANCELLED))

    with pytest.raises(EventNotOpen):
        await use_case.execute(update(people.owner, event.id, status=EventStatus.ACTIVE))
    assert (await stored_event(uow, event.id)).status is EventStatus.CANCELLED
