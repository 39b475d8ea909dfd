"""The repository contract, part 2: listing events, claiming seats and event statistics."""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest

from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.events import Event, EventStatus
from tests.builders import NOW, a_booking, a_registration, a_user, an_event
from tests.fakes import FakeTicketCodes
from tests.integration.contract import ALL, event_in, given

HOUR = timedelta(hours=1)


async def listed(uow: UnitOfWork, now: object = NOW, **query: object) -> list[UUID]:
    async with uow:
        page = await uow.events.list(EventFilter(page=ALL, **query), now)  # type: ignore[arg-type]
    assert page.total == len(page.items)
    return [e.id for e in page.items]


def at(hours: float, **details: Any) -> Event:
    """An event created long ago that starts `hours` from NOW and lasts two hours."""
    return an_event(NOW - timedelta(days=30), starts_in=timedelta(days=30, hours=hours), **details)


async def test_by_default_active_events_not_yet_over_are_listed_soonest_first(
    uow: UnitOfWork,
) -> None:
    over, ongoing, soon, later = at(-3), at(-1), at(1), at(48)
    cancelled, completed = at(2), at(3)
    cancelled.cancel()
    completed.change_status(EventStatus.COMPLETED)
    await given(uow, events=(later, completed, over, soon, cancelled, ongoing))

    assert await listed(uow) == [ongoing.id, soon.id, later.id]


async def test_events_starting_together_are_ordered_by_id(uow: UnitOfWork) -> None:
    twins = [at(5) for _ in range(6)]
    for twin in twins[1:]:
        twin.details = twins[0].details
    await given(uow, events=tuple(twins))

    assert await listed(uow) == sorted(t.id for t in twins)


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.COMPLETED])
async def test_a_status_lists_only_events_in_that_status(
    uow: UnitOfWork, status: EventStatus
) -> None:
    active, other = at(1), at(2)
    other.change_status(status)
    await given(uow, events=(active, other))

    assert await listed(uow, status=status) == [other.id]


async def test_a_start_window_replaces_the_not_yet_over_rule(uow: UnitOfWork) -> None:
    long_ago, yesterday, today, tomorrow = at(-72), at(-24), at(2), at(24)
    await given(uow, events=(long_ago, yesterday, today, tomorrow))

    window = {"starts_from": NOW - 30 * HOUR, "starts_before": NOW + 24 * HOUR}
    assert await listed(uow, **window) == [yesterday.id, today.id]
    assert await listed(uow, starts_from=today.details.slot.start) == [today.id, tomorrow.id]
    assert await listed(uow, starts_before=tomorrow.details.slot.start) == [today.id]


async def test_text_search_matches_title_description_or_location_without_case(
    uow: UnitOfWork,
) -> None:
    by_title = at(1, title="Jazz at the Bay")
    by_description = at(2, title="Sunday Session", description="smooth JAZZ and brunch")
    by_location = at(3, title="Open Mic", location="Jazzbar Koramangala")
    unrelated = at(4, title="Stand-up", description="comedy", location="Canvas")
    await given(uow, events=(by_title, by_description, by_location, unrelated))

    assert await listed(uow, text="  jAzZ ") == [by_title.id, by_description.id, by_location.id]


async def test_text_search_takes_percent_and_underscore_literally(uow: UnitOfWork) -> None:
    sale, plain, underscored = at(1, title="50% off"), at(2, title="500 off"), at(3, title="a_b")
    await given(uow, events=(sale, plain, underscored, at(4, title="axb")))

    assert await listed(uow, text="50%") == [sale.id]
    assert await listed(uow, text="a_b") == [underscored.id]


async def test_the_city_filter_ignores_case_and_surrounding_spaces(uow: UnitOfWork) -> None:
    mumbai, pune = at(1, city="Mumbai"), at(2, city="Pune")
    await given(uow, events=(mumbai, pune, at(3, city="Navi Mumbai")))

    assert await listed(uow, city=" mUMBAI ") == [mumbai.id]


async def test_the_tag_filter_finds_events_with_that_tag(uow: UnitOfWork) -> None:
    jazz, both, rock = at(1, tags=("jazz",)), at(2, tags=("jazz", "live")), at(3, tags=("rock",))
    await given(uow, events=(jazz, both, rock))

    assert await listed(uow, tag=" Jazz") == [jazz.id, both.id]
    assert await listed(uow, tag="live") == [both.id]


async def test_filters_combine(uow: UnitOfWork) -> None:
    match = at(1, city="Pune", tags=("tech",), title="PyCon")
    await given(
        uow,
        events=(match, at(2, city="Mumbai", tags=("tech",), title="PyData"), at(3, city="Pune")),
    )

    assert await listed(uow, city="pune", tag="tech", text="py") == [match.id]


async def test_pages_split_the_ordered_list_and_report_the_total(uow: UnitOfWork) -> None:
    events = [at(hours) for hours in range(1, 8)]
    await given(uow, events=tuple(reversed(events)))

    async with uow:
        pages = [
            await uow.events.list(EventFilter(page=PageRequest(n, 3)), NOW) for n in (1, 2, 3, 4)
        ]

    assert [[e.id for e in p.items] for p in pages] == [
        [e.id for e in events[0:3]],
        [e.id for e in events[3:6]],
        [events[6].id],
        [],
    ]
    assert {(p.total, p.size) for p in pages} == {(7, 3)}
    assert [p.page for p in pages] == [1, 2, 3, 4]
    assert pages[0].items[0].details.tags == ("jazz", "music")


async def claim(uow: UnitOfWork, event_id: UUID, quantity: int, now: datetime = NOW) -> bool:
    async with uow:
        claimed = await uow.events.claim_seats(event_id, quantity, now)
        await uow.commit()
    return claimed


async def seats_taken(uow: UnitOfWork, event_id: UUID) -> int:
    event = await event_in(uow, event_id)
    assert event is not None
    return event.seats_taken


async def test_seats_are_claimed_up_to_the_capacity_and_no_further(uow: UnitOfWork) -> None:
    event = an_event(NOW, capacity=5)
    await given(uow, events=(event,))

    assert await claim(uow, event.id, 3) is True
    assert await claim(uow, event.id, 3) is False
    assert await claim(uow, event.id, 2) is True
    assert await claim(uow, event.id, 1) is False
    assert await seats_taken(uow, event.id) == 5


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.COMPLETED])
async def test_no_seats_are_claimed_for_a_closed_event(
    uow: UnitOfWork, status: EventStatus
) -> None:
    event = an_event(NOW)
    event.change_status(status)
    await given(uow, events=(event,))

    assert await claim(uow, event.id, 1) is False
    assert await seats_taken(uow, event.id) == 0


async def test_no_seats_are_claimed_from_the_moment_an_event_starts(uow: UnitOfWork) -> None:
    event = an_event(NOW)
    start = event.details.slot.start
    await given(uow, events=(event,))

    assert await claim(uow, event.id, 1, now=start) is False
    assert await claim(uow, event.id, 1, now=start - timedelta(microseconds=1)) is True


async def test_claiming_seats_of_an_unknown_event_claims_nothing(uow: UnitOfWork) -> None:
    assert await claim(uow, uuid4(), 1) is False


async def test_released_seats_can_be_claimed_again(uow: UnitOfWork) -> None:
    event = an_event(NOW, capacity=4)
    await given(uow, events=(event,))
    await claim(uow, event.id, 4)

    async with uow:
        await uow.events.release_seats(event.id, 3)
        await uow.commit()

    assert await seats_taken(uow, event.id) == 1
    assert await claim(uow, event.id, 3) is True


async def test_stats_count_confirmed_bookings_live_tickets_registrations_and_revenue(
    uow: UnitOfWork,
) -> None:
    buyer, codes = a_user("priya"), FakeTicketCodes()
    event = an_event(NOW, capacity=20, price=Decimal("250.50"), currency="EUR")
    event.seats_taken = 8
    kept = [a_booking(buyer.id, event, codes, quantity=q) for q in (2, 3)]
    dropped = a_booking(buyer.id, event, codes, quantity=1)
    dropped.cancel(NOW)
    elsewhere = an_event(NOW)
    noise = a_booking(buyer.id, elsewhere, codes, quantity=4)
    registrations = tuple(a_registration(event.id, f"guest{i}@example.com") for i in range(2))
    await given(
        uow,
        users=(buyer,),
        events=(event, elsewhere),
        bookings=(*kept, dropped, noise),
        registrations=(*registrations, a_registration(elsewhere.id, "x@example.com")),
    )

    async with uow:
        stats = await uow.events.stats(event.id)

    assert (stats.bookings, stats.cancelled_bookings, stats.tickets_sold) == (2, 1, 5)
    assert (stats.registrations, stats.seats_taken, stats.capacity) == (2, 8, 20)
    assert (stats.revenue, stats.currency) == (Decimal("1252.50"), "EUR")
    assert isinstance(stats.revenue, Decimal)


async def test_stats_of_an_event_nobody_booked_are_zero(uow: UnitOfWork) -> None:
    event = an_event(NOW)
    await given(uow, events=(event,))

    async with uow:
        stats = await uow.events.stats(event.id)

    assert (stats.bookings, stats.cancelled_bookings, stats.tickets_sold, stats.registrations) == (
        0,
        0,
        0,
        0,
    )
    assert str(stats.revenue) == "0.00"
