"""The repository contract, part 1: the unit of work, and storing and changing events.

Every test runs on the in-memory fake, SQLite and PostgreSQL (conftest.new_uow), so the fake
cannot drift from the databases. Parts 2-4 are the other test_repository_contract_*.py files.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest

from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.errors import CapacityBelowSeatsTaken, Conflict
from boxoffice.domain.events import Event, EventDetails, EventStatus
from tests.builders import NOW, a_booking, a_registration, a_slot, a_user, an_event
from tests.fakes import FakeTicketCodes
from tests.integration.conftest import NewUnitOfWork
from tests.integration.contract import event_in, given

OWNER = a_user("olivia")


async def test_an_event_comes_back_exactly_as_it_was_added(uow: UnitOfWork) -> None:
    start = datetime(2026, 12, 28, 16, 30, 15, 123456, tzinfo=UTC)
    details = EventDetails(
        title="Sunburn Arena",
        location="Mahalaxmi Race Course",
        slot=a_slot(start, 6, "America/New_York"),
        capacity=12_000,
        description="Line-up: TBA\nGates open 3pm",
        city="Mumbai",
        price=Decimal("1234567.89"),
        currency="USD",
        tags=("edm", "festival", "music"),
    )
    created_at = datetime(2026, 5, 1, 8, 15, 30, 654321, tzinfo=UTC)
    event = Event(uuid4(), details, created_at, OWNER.id, EventStatus.COMPLETED, 11_999)
    await given(uow, users=(OWNER,), events=(event,))

    loaded = await event_in(uow, event.id)

    assert loaded == event
    assert loaded is not None
    assert isinstance(loaded.details.price, Decimal)
    assert str(loaded.details.price) == "1234567.89"
    for moment in (loaded.created_at, loaded.details.slot.start, loaded.details.slot.end):
        assert moment.utcoffset() == timedelta(0)


async def test_times_given_with_any_offset_come_back_as_the_same_utc_instants(
    uow: UnitOfWork,
) -> None:
    kolkata = datetime(2026, 6, 10, 19, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
    event = an_event(NOW, slot=a_slot(kolkata, 3))
    event.created_at = NOW.astimezone(ZoneInfo("America/Los_Angeles"))
    await given(uow, events=(event,))

    loaded = await event_in(uow, event.id)

    assert loaded is not None
    assert loaded.details.slot.start == datetime(2026, 6, 10, 13, 30, tzinfo=UTC)
    assert (loaded.created_at, loaded.created_at.utcoffset()) == (NOW, timedelta(0))


async def test_an_event_without_tags_owner_or_price_round_trips(uow: UnitOfWork) -> None:
    event = an_event(NOW, tags=(), description="", city="", price=Decimal(0))
    await given(uow, events=(event,))

    loaded = await event_in(uow, event.id)

    assert loaded == event
    assert str(loaded.details.price) == "0.00"


async def test_an_unknown_event_is_none(uow: UnitOfWork) -> None:
    assert await event_in(uow, uuid4()) is None


async def test_saving_writes_details_status_and_tags_but_never_seats_taken(
    uow: UnitOfWork,
) -> None:
    event = an_event(NOW, owner=OWNER.id, capacity=10)
    await given(uow, users=(OWNER,), events=(event,))
    async with uow:
        stale = await uow.events.get(event.id)
        assert stale is not None
        assert await uow.events.claim_seats(event.id, 4, NOW)
        stale.revise(stale.with_details(title="Renamed", tags=("new",), capacity=8))
        stale.change_status(EventStatus.COMPLETED)
        await uow.events.save(stale)
        await uow.commit()

    loaded = await event_in(uow, event.id)

    assert loaded is not None
    assert (loaded.details.title, loaded.details.tags) == ("Renamed", ("new",))
    assert (loaded.details.capacity, loaded.status, loaded.seats_taken) == (
        8,
        EventStatus.COMPLETED,
        4,
    )
    assert (loaded.created_by, loaded.created_at) == (OWNER.id, event.created_at)


async def test_whether_registration_needs_a_sign_in_is_stored_and_saved(uow: UnitOfWork) -> None:
    event = Event.create(
        uuid4(), an_event(NOW).details, None, NOW, registration_requires_sign_in=True
    )
    await given(uow, events=(event,))
    stored = await event_in(uow, event.id)
    assert stored is not None
    assert stored.registration_requires_sign_in is True

    stored.require_sign_in_to_register(False)
    async with uow:
        await uow.events.save(stored)
        await uow.commit()

    saved = await event_in(uow, event.id)
    assert saved is not None
    assert saved.registration_requires_sign_in is False


async def test_saving_a_capacity_below_seats_taken_meanwhile_is_refused(uow: UnitOfWork) -> None:
    event = an_event(NOW, capacity=10)
    await given(uow, events=(event,))
    async with uow:
        assert await uow.events.claim_seats(event.id, 6, NOW)
        await uow.commit()
    event.revise(event.with_details(capacity=5))  # this copy still believes no seat is taken

    async with uow:
        with pytest.raises(CapacityBelowSeatsTaken):
            await uow.events.save(event)

    loaded = await event_in(uow, event.id)
    assert loaded is not None
    assert (loaded.details.capacity, loaded.seats_taken) == (10, 6)


async def test_deleting_an_event_nobody_depends_on_removes_it_alone(uow: UnitOfWork) -> None:
    event, other = an_event(NOW), an_event(NOW)
    await given(uow, events=(event, other))

    async with uow:
        await uow.events.delete(event.id)
        await uow.commit()

    assert await event_in(uow, event.id) is None
    assert await event_in(uow, other.id) == other


@pytest.mark.parametrize("dependent", ["booking", "registration"])
async def test_an_event_with_bookings_or_registrations_cannot_be_deleted(
    uow: UnitOfWork, dependent: str
) -> None:
    event = an_event(NOW)
    booking = a_booking(OWNER.id, event, FakeTicketCodes())
    registration = a_registration(event.id, "meera@example.com")
    await given(
        uow,
        users=(OWNER,),
        events=(event,),
        bookings=(booking,) if dependent == "booking" else (),
        registrations=(registration,) if dependent == "registration" else (),
    )

    async with uow:
        with pytest.raises(Conflict):
            await uow.events.delete(event.id)

    assert await event_in(uow, event.id) is not None


async def test_leaving_without_commit_leaves_nothing(uow: UnitOfWork) -> None:
    event = an_event(NOW)
    async with uow:
        await uow.users.add(OWNER)
        await uow.events.add(event)

    async with uow:
        assert await uow.events.get(event.id) is None
        assert await uow.users.get(OWNER.id) is None


async def test_an_error_inside_the_unit_of_work_rolls_everything_back(uow: UnitOfWork) -> None:
    event = an_event(NOW)

    async def add_then_fail() -> None:
        async with uow:
            await uow.events.add(event)
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        await add_then_fail()

    assert await event_in(uow, event.id) is None


async def test_rollback_discards_only_what_was_not_committed(uow: UnitOfWork) -> None:
    kept, discarded, late = an_event(NOW), an_event(NOW), an_event(NOW)
    async with uow:
        await uow.events.add(kept)
        await uow.commit()
        await uow.events.add(discarded)
        await uow.rollback()
        await uow.events.add(late)  # after commit or rollback a new transaction begins

    assert await event_in(uow, kept.id) == kept
    assert await event_in(uow, discarded.id) is None
    assert await event_in(uow, late.id) is None


async def test_a_unit_of_work_sees_its_own_uncommitted_changes(uow: UnitOfWork) -> None:
    event = an_event(NOW, capacity=3)
    async with uow:
        await uow.events.add(event)
        assert await uow.events.claim_seats(event.id, 2, NOW)
        loaded = await uow.events.get(event.id)

    assert loaded is not None
    assert loaded.seats_taken == 2


async def test_changes_committed_by_one_unit_of_work_are_seen_by_the_next(
    new_uow: NewUnitOfWork,
) -> None:
    event = an_event(NOW)
    await given(new_uow(), events=(event,))

    assert await event_in(new_uow(), event.id) == event


async def test_a_unit_of_work_can_be_entered_again_but_not_twice_at_once(uow: UnitOfWork) -> None:
    async with uow:
        with pytest.raises(RuntimeError, match="already open"):
            await uow.__aenter__()
    async with uow:
        assert await uow.events.get(uuid4()) is None


async def test_committing_outside_a_unit_of_work_is_an_error(uow: UnitOfWork) -> None:
    with pytest.raises(RuntimeError, match="not open"):
        await uow.commit()
    with pytest.raises(RuntimeError, match="not open"):
        await uow.rollback()
