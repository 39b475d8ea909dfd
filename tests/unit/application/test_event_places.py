"""Use cases with an event's place: set on creation, kept, moved or cleared by an edit, and
the distance each listed event is from the place a list was asked around."""

from datetime import timedelta

import pytest

from boxoffice.application.models.queries import EventFilter, EventOrder
from boxoffice.application.use_cases.create_event import CreateEvent
from boxoffice.application.use_cases.list_events import ListEvents, ListEventsQuery
from boxoffice.application.use_cases.update_event import EventChanges, Keep, UpdateEvent
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.geo import Circle, Coordinates
from tests.fake_event_reads import InMemoryEventReads
from tests.fakes import FixedClock, InMemoryUnitOfWork
from tests.geo_points import PUNE, SUVA, TAVEUNI, reference_km
from tests.unit.application.conftest import AddEvent, People, stored_event
from tests.unit.application.test_create_and_update_event import new_event, update


async def test_an_event_is_created_where_it_is_said_to_be(
    uow: InMemoryUnitOfWork, clock: FixedClock, people: People
) -> None:
    event = await CreateEvent(uow, clock).execute(new_event(people.admin, coordinates=PUNE))

    assert (await stored_event(uow, event.id)).details.coordinates == PUNE


@pytest.mark.parametrize(("change", "expected"), [(Keep.KEEP, PUNE), (SUVA, SUVA), (None, None)])
async def test_an_edit_keeps_moves_or_clears_the_place(
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    people: People,
    add_event: AddEvent,
    change: Coordinates | Keep | None,
    expected: Coordinates | None,
) -> None:
    event = await add_event(coordinates=PUNE)

    await UpdateEvent(uow, clock).execute(
        update(people.admin, event.id, title="Renamed", coordinates=change)
    )

    stored = await stored_event(uow, event.id)
    assert (stored.details.title, stored.details.coordinates) == ("Renamed", expected)


def test_an_edit_that_says_nothing_of_the_place_keeps_it() -> None:
    assert EventChanges().coordinates is Keep.KEEP


async def test_listed_events_carry_their_distance_only_when_asked_near_a_place(
    uow: InMemoryUnitOfWork, clock: FixedClock, add_event: AddEvent
) -> None:
    taveuni = await add_event(coordinates=TAVEUNI, starts_in=timedelta(days=1))
    suva = await add_event(coordinates=SUVA, starts_in=timedelta(days=2))
    await add_event(coordinates=PUNE)

    near = EventFilter(near=Circle(SUVA, 400), order=EventOrder.DISTANCE)
    listed = await ListEvents(InMemoryEventReads(uow.store), clock).execute(ListEventsQuery(near))
    page = listed.page

    assert [(e.id, e.distance_km) for e in page.items] == [
        (suva.id, 0),
        (taveuni.id, pytest.approx(reference_km(SUVA, TAVEUNI), abs=1e-6)),
    ]
    plain = await ListEvents(InMemoryEventReads(uow.store), clock).execute(
        ListEventsQuery(EventFilter())
    )
    assert {e.distance_km for e in plain.page.items} == {None}


def test_sorting_by_distance_needs_a_place() -> None:
    with pytest.raises(InvalidValue) as refused:
        EventFilter(order=EventOrder.DISTANCE)
    assert refused.value.field == "sort"
