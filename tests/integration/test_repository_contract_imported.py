"""The repository contract, part 4: imported events, upserted by (source, external id)."""

import dataclasses
from datetime import UTC, datetime

from boxoffice.adapters.ticketmaster.decoding import map_events
from boxoffice.application.models.imports import ImportOutcome
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.listings import EventSource
from tests.builders import NOW, an_event
from tests.integration.contract import ALL, event_in, given
from tests.ticketmaster_fixtures import GB, US_ALL, raw_events

TM = EventSource.TICKETMASTER
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def imported(name: str = GB) -> list[Event]:
    return map_events(raw_events(name), NOW).events


async def upsert(uow: UnitOfWork, events: list[Event]) -> list[ImportOutcome]:
    async with uow:
        outcomes = [await uow.events.upsert_imported(e, NOW) for e in events]
        await uow.commit()
    return outcomes


async def test_an_imported_event_reads_back_exactly_as_it_was_mapped(uow: UnitOfWork) -> None:
    events = imported(GB) + imported(US_ALL)
    assert set(await upsert(uow, events)) == {ImportOutcome.CREATED}

    for event in events:
        stored = await event_in(uow, event.id)
        assert stored is not None
        assert stored.listing == event.listing
        assert stored.details == event.details
        assert stored.status is event.status
        assert stored.content_hash() == event.content_hash()
    async with uow:
        by_external = await uow.events.get_by_external_id(TM, "1FuYv9b00bZ7GeGe")
    assert by_external is not None
    assert by_external.status is EventStatus.CANCELLED


async def test_importing_the_same_events_again_changes_nothing(uow: UnitOfWork) -> None:
    events = imported()
    await upsert(uow, events)

    assert set(await upsert(uow, imported())) == {ImportOutcome.UNCHANGED}


async def test_a_changed_event_is_updated_in_place(uow: UnitOfWork) -> None:
    first, *others = imported()
    await upsert(uow, [first, *others])
    assert first.listing is not None
    renamed = dataclasses.replace(first.details, title="Moved to a bigger hall", tags=("moved",))
    changed = Event(
        first.id,
        renamed,
        first.created_at,
        listing=dataclasses.replace(first.listing, attractions=("Someone else",)),
    )

    assert await upsert(uow, [changed]) == [ImportOutcome.UPDATED]
    stored = await event_in(uow, first.id)
    assert stored is not None
    assert stored.details.title == "Moved to a bigger hall"
    assert stored.details.tags == ("moved",)
    assert stored.listing is not None
    assert stored.listing.attractions == ("Someone else",)
    assert await upsert(uow, [changed]) == [ImportOutcome.UNCHANGED]


async def test_content_hashes_are_those_of_the_stored_events(uow: UnitOfWork) -> None:
    events = imported()
    await upsert(uow, events[:3])
    wanted = [e.listing.external_id for e in events[:5] if e.listing]

    async with uow:
        hashes = await uow.events.content_hashes(TM, wanted)

    assert hashes == {e.listing.external_id: e.content_hash() for e in events[:3] if e.listing}


async def test_the_source_filter_separates_our_events_from_imported_ones(uow: UnitOfWork) -> None:
    ours = an_event(NOW)
    await given(uow, events=(ours,))
    events = imported()
    await upsert(uow, events)

    async with uow:
        local = await uow.events.list(EventFilter(page=ALL, source=EventSource.LOCAL), NOW)
        theirs = await uow.events.list(EventFilter(page=ALL, source=TM, starts_from=LONG_AGO), NOW)
    assert [e.id for e in local.items] == [ours.id]
    active = [e for e in events if e.status is EventStatus.ACTIVE]
    assert {e.id for e in theirs.items} == {e.id for e in active}


async def test_an_imported_event_cannot_take_seats(uow: UnitOfWork) -> None:
    [event, *_] = imported(US_ALL)
    await upsert(uow, [event])

    async with uow:
        assert not await uow.events.claim_seats(event.id, 1, LONG_AGO)


LINE_UP = ("Zara", "Act: One", "Mbappé Trio", "alpha", "Beta", "10cc", "9 Lives", "Émile")


def with_line_up(event: Event, names: tuple[str, ...]) -> Event:
    assert event.listing is not None
    listing = dataclasses.replace(event.listing, attractions=names)
    return Event(event.id, event.details, event.created_at, listing=listing)


async def test_attractions_read_back_in_their_billing_order(uow: UnitOfWork) -> None:
    event = with_line_up(imported()[0], LINE_UP)
    await upsert(uow, [event])

    stored = await event_in(uow, event.id)
    assert stored is not None
    assert stored.listing is not None
    assert stored.listing.attractions == LINE_UP
