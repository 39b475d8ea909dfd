"""The read side's contract, against the in-memory fake, SQLite and PostgreSQL: the same
events in the same order as the repository lists them, the viewer's saved flags, and a total
that is exact up to a bound."""

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from boxoffice.adapters.sqlalchemy.engine import create_read_engine
from boxoffice.adapters.sqlalchemy.event_reads import SqlAlchemyEventReads
from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.models.event_views import EventView
from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.ports.event_reads import EventReads
from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.listings import EventSource
from tests.builders import NOW, a_user, an_event
from tests.fake_event_reads import InMemoryEventReads
from tests.fakes import InMemoryUnitOfWork
from tests.integration.conftest import NewUnitOfWork
from tests.integration.contract import ALL, given

BOUND = 3  # a small bound, so that a few events go past it
HOUR = timedelta(hours=1)


@pytest.fixture
async def reads(backend: str, new_uow: NewUnitOfWork) -> AsyncIterator[EventReads]:
    if backend == "memory":
        uow = new_uow()
        assert isinstance(uow, InMemoryUnitOfWork)
        yield InMemoryEventReads(uow.store, total_bound=BOUND)
        return
    engine = create_read_engine(backend)
    try:
        yield SqlAlchemyEventReads(engine, total_bound=BOUND)
    finally:
        await engine.dispose()


def at(hours: float, **details: Any) -> Event:
    return an_event(NOW - timedelta(days=30), starts_in=timedelta(days=30, hours=hours), **details)


def catalogue() -> tuple[Event, ...]:
    over, soon, later = at(-3), at(1, city="Pune", tags=("rock",)), at(48, title="Sitar at dawn")
    cancelled = at(2)
    cancelled.cancel()
    twins = [at(5) for _ in range(3)]
    for twin in twins[1:]:
        twin.details = twins[0].details
    return (over, soon, later, cancelled, *twins)


QUERIES = [
    {},
    {"status": EventStatus.CANCELLED},
    {"city": " pune "},
    {"tag": "ROCK"},
    {"text": "sitar"},
    {"text": "100%_"},
    {"starts_from": NOW - 10 * HOUR, "starts_before": NOW + 6 * HOUR},
    {"source": EventSource.LOCAL},
    {"source": EventSource.TICKETMASTER},
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: ",".join(q) or "default")
async def test_a_page_lists_what_the_repository_lists_in_the_same_order(
    new_uow: NewUnitOfWork, reads: EventReads, query: dict[str, Any]
) -> None:
    await given(new_uow(), events=catalogue())
    async with new_uow() as uow:
        expected = await uow.events.list(EventFilter(page=ALL, **query), NOW)

    page = await reads.page(EventFilter(page=ALL, **query), NOW)

    assert [v.id for v in page.items] == [e.id for e in expected.items]
    if expected.total <= BOUND:
        assert (page.total, page.total_is_exact) == (expected.total, True)
    else:  # counted as far as one past the bound: "at least this many"
        assert (page.total, page.total_is_exact) == (BOUND + 1, False)


async def test_a_view_says_what_the_aggregate_says(
    new_uow: NewUnitOfWork, reads: EventReads
) -> None:
    event = at(1, tags=("jazz", "music"))
    event.take_seats(3, NOW)
    await given(new_uow(), events=(event,))
    async with new_uow() as uow:
        stored = await uow.events.get(event.id)
    assert stored is not None

    one = await reads.one(event.id)
    listed = (await reads.page(EventFilter(), NOW)).items

    assert one is not None
    assert sorted_tags(one) == sorted_tags(EventView.of(stored)) == sorted_tags(listed[0])
    assert one.seats_available == 97
    assert (one.source, one.bookable, one.saved) == (EventSource.LOCAL, True, None)


async def test_an_event_that_does_not_exist_reads_as_none(reads: EventReads) -> None:
    assert await reads.one(an_event().id) is None


async def test_a_viewer_sees_which_events_of_the_page_they_saved(
    new_uow: NewUnitOfWork, reads: EventReads
) -> None:
    priya, rahul = a_user("priya"), a_user("rahul")
    saved, unsaved = at(1), at(2)
    await given(new_uow(), users=(priya, rahul), events=(saved, unsaved))
    async with new_uow() as uow:
        await uow.saved_events.add(priya.id, saved.id, NOW)
        await uow.commit()

    def flags(page: Any) -> list[bool | None]:
        return [v.saved for v in page.items]

    assert flags(await reads.page(EventFilter(), NOW, priya.id)) == [True, False]
    assert flags(await reads.page(EventFilter(), NOW, rahul.id)) == [False, False]
    assert flags(await reads.page(EventFilter(), NOW)) == [None, None]


async def test_saved_among_names_only_the_viewers_saved_events_of_those_asked(
    new_uow: NewUnitOfWork, reads: EventReads
) -> None:
    priya, rahul = a_user("priya"), a_user("rahul")
    first, second, third = at(1), at(2), at(3)
    await given(new_uow(), users=(priya, rahul), events=(first, second, third))
    async with new_uow() as uow:
        await uow.saved_events.add(priya.id, first.id, NOW)
        await uow.saved_events.add(priya.id, third.id, NOW)
        await uow.saved_events.add(rahul.id, second.id, NOW)
        await uow.commit()

    assert await reads.saved_among(priya.id, [first.id, second.id]) == {first.id}
    assert await reads.saved_among(rahul.id, [first.id, second.id]) == {second.id}
    assert await reads.saved_among(priya.id, []) == frozenset()
    for event_ids in ([first.id], []):
        with pytest.raises(NotAuthenticated):
            await reads.saved_among(a_user("ghost").id, event_ids)


async def test_a_viewer_who_is_no_user_is_refused_on_a_full_or_an_empty_page(
    new_uow: NewUnitOfWork, reads: EventReads
) -> None:
    await given(new_uow(), users=(a_user("priya"),), events=(at(1),))
    ghost = a_user("ghost").id

    for query in (EventFilter(), EventFilter(city="Nowhere")):
        with pytest.raises(NotAuthenticated):
            await reads.page(query, NOW, ghost)


@pytest.mark.parametrize(
    ("page", "total", "exact"),
    [
        (PageRequest(1, 2), BOUND + 1, False),  # at least this many
        (PageRequest(2, 1), BOUND + 2, False),  # the bound counts from the page's first item
        (PageRequest(3, 2), 6, True),
        (PageRequest(9, 2), 6, True),  # past the end: still says how far the list goes
    ],
)
async def test_the_total_is_exact_up_to_a_bound_past_the_page(
    new_uow: NewUnitOfWork, reads: EventReads, page: PageRequest, total: int, exact: bool
) -> None:
    await given(new_uow(), events=tuple(at(n + 1) for n in range(6)))

    found = await reads.page(EventFilter(page=page), NOW)

    assert (found.total, found.total_is_exact) == (total, exact)
    assert len(found.items) == max(0, min(page.size, 6 - page.offset))


def sorted_tags(view: EventView) -> EventView:
    return replace(view, tags=tuple(sorted(view.tags)))
