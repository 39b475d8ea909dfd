"""The repository contract, part 3: bookings with their tickets."""

from datetime import timedelta
from decimal import Decimal
from uuid import UUID, uuid4

import pytest

from boxoffice.application.errors import DuplicateIdempotencyKey
from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.bookings import Booking, BookingStatus
from boxoffice.domain.tickets import Ticket, TicketStatus
from tests.builders import NOW, a_booking, a_user, an_event
from tests.fakes import FakeTicketCodes
from tests.integration.conftest import UNTRANSLATED
from tests.integration.contract import ALL, booking_in, given

PRIYA, RAHUL = a_user("priya"), a_user("rahul")
CONCERT = an_event(NOW, price=Decimal("333.33"), currency="INR")
LATER = NOW + timedelta(hours=1)


@pytest.fixture
def codes() -> FakeTicketCodes:
    return FakeTicketCodes()


@pytest.fixture
async def people_and_event(uow: UnitOfWork) -> None:
    await given(uow, users=(PRIYA, RAHUL), events=(CONCERT,))


pytestmark = pytest.mark.usefixtures("people_and_event")


async def test_a_booking_comes_back_with_its_tickets_in_order(
    uow: UnitOfWork, codes: FakeTicketCodes
) -> None:
    booking = a_booking(PRIYA.id, CONCERT, codes, NOW, quantity=3, key="checkout-41")
    await given(uow, bookings=(booking,))

    loaded = await booking_in(uow, booking.id)

    assert loaded == booking
    assert loaded is not None
    assert [t.code for t in loaded.tickets] == [t.code for t in booking.tickets]
    assert (loaded.total, str(loaded.unit_price)) == (Decimal("999.99"), "333.33")
    assert loaded.booked_at.utcoffset() == timedelta(0)


async def test_a_cancelled_booking_round_trips_with_its_ticket_states(
    uow: UnitOfWork, codes: FakeTicketCodes
) -> None:
    booking = a_booking(PRIYA.id, CONCERT, codes, quantity=2)
    booking.tickets[0].status = TicketStatus.USED
    booking.cancel(LATER)
    await given(uow, bookings=(booking,))

    loaded = await booking_in(uow, booking.id)

    assert loaded == booking
    assert loaded is not None
    assert loaded.cancelled_at == LATER
    assert [t.status for t in loaded.tickets] == [TicketStatus.USED, TicketStatus.CANCELLED]


async def test_an_unknown_booking_is_none(uow: UnitOfWork) -> None:
    assert await booking_in(uow, uuid4()) is None


async def test_a_booking_is_found_by_its_users_idempotency_key_only(
    uow: UnitOfWork, codes: FakeTicketCodes
) -> None:
    booking = a_booking(PRIYA.id, CONCERT, codes, key="k-1")
    await given(uow, bookings=(booking, a_booking(PRIYA.id, CONCERT, codes)))

    async with uow:
        assert await uow.bookings.get_by_idempotency_key(PRIYA.id, "k-1") == booking
        assert await uow.bookings.get_by_idempotency_key(RAHUL.id, "k-1") is None
        assert await uow.bookings.get_by_idempotency_key(PRIYA.id, "K-1") is None


async def test_a_user_cannot_store_two_bookings_under_one_key(
    uow: UnitOfWork, codes: FakeTicketCodes
) -> None:
    await given(uow, bookings=(a_booking(PRIYA.id, CONCERT, codes, key="k-1"),))
    second = a_booking(PRIYA.id, CONCERT, codes, key="k-1")

    async with uow:
        with pytest.raises(DuplicateIdempotencyKey):
            await uow.bookings.add(second)

    assert await booking_in(uow, second.id) is None


async def test_keys_are_per_user_and_bookings_without_a_key_never_clash(
    uow: UnitOfWork, codes: FakeTicketCodes
) -> None:
    bookings = (
        a_booking(PRIYA.id, CONCERT, codes, key="k-1"),
        a_booking(RAHUL.id, CONCERT, codes, key="k-1"),
        a_booking(PRIYA.id, CONCERT, codes),
        a_booking(PRIYA.id, CONCERT, codes),
    )
    await given(uow, bookings=bookings)

    for booking in bookings:
        assert await booking_in(uow, booking.id) == booking


async def test_a_ticket_code_is_never_stored_twice(uow: UnitOfWork) -> None:
    first = a_booking(PRIYA.id, CONCERT, FakeTicketCodes(start=7))
    await given(uow, bookings=(first,))
    clash = a_booking(RAHUL.id, CONCERT, FakeTicketCodes(start=7))

    async with uow:
        with pytest.raises(UNTRANSLATED):
            await uow.bookings.add(clash)

    assert await booking_in(uow, clash.id) is None


@pytest.mark.parametrize("missing", ["user", "event"])
async def test_a_booking_needs_an_existing_user_and_event(
    uow: UnitOfWork, codes: FakeTicketCodes, missing: str
) -> None:
    user = uuid4() if missing == "user" else PRIYA.id
    event = an_event(NOW) if missing == "event" else CONCERT
    async with uow:
        with pytest.raises(UNTRANSLATED):
            await uow.bookings.add(a_booking(user, event, codes))


async def test_marking_cancelled_cancels_a_confirmed_booking_and_its_tickets_once(
    uow: UnitOfWork, codes: FakeTicketCodes
) -> None:
    booking = a_booking(PRIYA.id, CONCERT, codes, quantity=2)
    await given(uow, bookings=(booking,))

    async with uow:
        first = await uow.bookings.mark_cancelled(booking.id, LATER)
        again = await uow.bookings.mark_cancelled(booking.id, LATER + timedelta(hours=1))
        await uow.commit()

    assert (first, again) == (True, False)
    loaded = await booking_in(uow, booking.id)
    assert loaded is not None
    assert (loaded.status, loaded.cancelled_at) == (BookingStatus.CANCELLED, LATER)
    assert {t.status for t in loaded.tickets} == {TicketStatus.CANCELLED}


async def test_marking_an_unknown_booking_cancelled_changes_nothing(uow: UnitOfWork) -> None:
    async with uow:
        assert await uow.bookings.mark_cancelled(uuid4(), LATER) is False


async def test_cancelling_all_of_an_events_bookings_counts_only_confirmed_ones(
    uow: UnitOfWork, codes: FakeTicketCodes
) -> None:
    other = an_event(NOW)
    confirmed = [a_booking(u.id, CONCERT, codes) for u in (PRIYA, RAHUL)]
    cancelled_earlier = a_booking(PRIYA.id, CONCERT, codes)
    cancelled_earlier.cancel(NOW)
    untouched = a_booking(PRIYA.id, other, codes)
    await given(uow, events=(other,), bookings=(*confirmed, cancelled_earlier, untouched))

    async with uow:
        count = await uow.bookings.cancel_all_for_event(CONCERT.id, LATER)
        await uow.commit()

    assert count == 2
    for booking in confirmed:
        loaded = await booking_in(uow, booking.id)
        assert loaded is not None
        assert (loaded.status, loaded.cancelled_at) == (BookingStatus.CANCELLED, LATER)
        assert loaded.tickets == [Ticket(t.code, TicketStatus.CANCELLED) for t in booking.tickets]
    earlier = await booking_in(uow, cancelled_earlier.id)
    assert earlier is not None
    assert earlier.cancelled_at == NOW
    assert await booking_in(uow, untouched.id) == untouched


async def test_any_for_event_counts_cancelled_bookings_too(
    uow: UnitOfWork, codes: FakeTicketCodes
) -> None:
    booking = a_booking(PRIYA.id, CONCERT, codes)
    booking.cancel(NOW)
    await given(uow, bookings=(booking,))

    async with uow:
        assert await uow.bookings.any_for_event(CONCERT.id) is True
        assert await uow.bookings.any_for_event(uuid4()) is False


def placed_at(user_id: UUID, minutes: int, codes: FakeTicketCodes) -> Booking:
    return a_booking(user_id, CONCERT, codes, NOW + timedelta(minutes=minutes))


async def test_a_users_bookings_are_listed_newest_first_ties_by_id(
    uow: UnitOfWork, codes: FakeTicketCodes
) -> None:
    oldest, newest = placed_at(PRIYA.id, 1, codes), placed_at(PRIYA.id, 9, codes)
    twins = [placed_at(PRIYA.id, 5, codes) for _ in range(3)]
    await given(uow, bookings=(*twins, oldest, newest, placed_at(RAHUL.id, 3, codes)))

    async with uow:
        page = await uow.bookings.list_for_user(PRIYA.id, ALL)

    expected = [newest.id, *sorted(t.id for t in twins), oldest.id]
    assert [b.id for b in page.items] == expected
    assert page.total == 5
    assert all(len(b.tickets) == 1 for b in page.items)


async def test_an_events_bookings_are_paged_newest_first(
    uow: UnitOfWork, codes: FakeTicketCodes
) -> None:
    bookings = [placed_at(u.id, m, codes) for m, u in enumerate((PRIYA, RAHUL) * 3)]
    await given(uow, bookings=tuple(bookings))

    async with uow:
        second = await uow.bookings.list_for_event(CONCERT.id, PageRequest(2, 4))
        nothing = await uow.bookings.list_for_event(uuid4(), ALL)

    assert [b.id for b in second.items] == [bookings[1].id, bookings[0].id]
    assert (second.total, second.page, second.size) == (6, 2, 4)
    assert (nothing.items, nothing.total) == ([], 0)
