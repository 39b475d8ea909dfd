"""Saving events: by our UUID or a Ticketmaster id (stored or fetched), idempotently."""

from datetime import timedelta

import pytest

from boxoffice.adapters.ticketmaster.decoding import map_events
from boxoffice.application.errors import EventNotFound
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.ports.ticketmaster import MarketQuery, UpstreamError
from boxoffice.application.use_cases.list_events import ListEvents, ListEventsQuery
from boxoffice.application.use_cases.list_saved_events import (
    ListSavedEvents,
    ListSavedEventsQuery,
)
from boxoffice.application.use_cases.save_event import SaveEvent, SaveEventCommand
from boxoffice.application.use_cases.sync_ticketmaster import SyncMarket, SyncTicketmaster
from boxoffice.application.use_cases.unsave_event import UnsaveEvent, UnsaveEventCommand
from boxoffice.domain.events import Event
from boxoffice.domain.listings import EventSource
from tests.builders import NOW
from tests.fake_event_reads import InMemoryEventReads
from tests.fake_gateway import FakeTicketmasterGateway
from tests.fakes import FixedClock, InMemoryStore, InMemoryUnitOfWork
from tests.ticketmaster_fixtures import DMA_PAGES, raw_events
from tests.unit.application.conftest import AddEvent, People

EVERYTHING = EventFilter(starts_from=NOW - timedelta(days=9999))


def imported() -> list[Event]:
    return map_events(raw_events(DMA_PAGES[0]), NOW).events


def external_id(event: Event) -> str:
    assert event.listing is not None
    return event.listing.external_id


@pytest.fixture
def gateway() -> FakeTicketmasterGateway:
    return FakeTicketmasterGateway([imported()])


@pytest.fixture
def save(store: InMemoryStore, clock: FixedClock, gateway: FakeTicketmasterGateway) -> SaveEvent:
    return SaveEvent(InMemoryUnitOfWork(store), gateway, clock)


async def saved_ids(store: InMemoryStore, people: People, clock: FixedClock) -> list[str]:
    page = await ListSavedEvents(InMemoryUnitOfWork(store), clock).execute(
        ListSavedEventsQuery(people.customer, EVERYTHING)
    )
    return [str(s.event.id) for s in page.items]


async def test_an_event_is_saved_by_its_uuid_once_and_a_second_save_finds_it_saved(
    save: SaveEvent, people: People, add_event: AddEvent, clock: FixedClock
) -> None:
    event = await add_event()

    first = await save.execute(SaveEventCommand(people.customer, str(event.id)))
    clock.advance(minutes=5)
    second = await save.execute(SaveEventCommand(people.customer, str(event.id)))

    assert (first.created, second.created) == (True, False)
    assert first.saved.event.id == second.saved.event.id == event.id
    assert second.saved.saved_at == first.saved.saved_at == NOW


async def test_a_stored_ticketmaster_event_is_saved_by_its_ticketmaster_id_without_a_request(
    store: InMemoryStore, save: SaveEvent, people: People, gateway: FakeTicketmasterGateway
) -> None:
    await SyncTicketmaster(InMemoryUnitOfWork(store), gateway, FixedClock(NOW)).execute(
        SyncMarket(MarketQuery(NOW - timedelta(days=3650), NOW, "US"))
    )
    used = gateway.requests_used
    wanted = imported()[2]

    result = await save.execute(SaveEventCommand(people.customer, external_id(wanted)))

    assert result.created
    assert result.saved.event.listing is not None
    assert result.saved.event.listing.external_id == external_id(wanted)
    assert gateway.requests_used == used


async def test_an_unknown_ticketmaster_id_is_fetched_stored_and_saved(
    store: InMemoryStore,
    save: SaveEvent,
    people: People,
    gateway: FakeTicketmasterGateway,
    clock: FixedClock,
) -> None:
    wanted = imported()[3]

    result = await save.execute(SaveEventCommand(people.customer, external_id(wanted)))

    assert result.created
    assert gateway.requests_used == 1
    async with InMemoryUnitOfWork(store) as uow:
        stored = await uow.events.get_by_external_id(EventSource.TICKETMASTER, external_id(wanted))
    assert stored is not None
    assert stored.id == result.saved.event.id
    assert await saved_ids(store, people, clock) == [str(stored.id)]


@pytest.mark.parametrize("ref", ["vvG1zZ9KbkY3jK", "00000000-0000-4000-8000-000000000000", "a b"])
async def test_an_id_unknown_here_and_at_ticketmaster_is_not_found(
    store: InMemoryStore, save: SaveEvent, people: People, ref: str
) -> None:
    with pytest.raises(EventNotFound):
        await save.execute(SaveEventCommand(people.customer, ref))
    assert store.committed.saved_events == {}


async def test_ticketmaster_being_down_is_the_upstream_error_and_saves_nothing(
    store: InMemoryStore, save: SaveEvent, people: People, gateway: FakeTicketmasterGateway
) -> None:
    gateway.fail_after = 0

    with pytest.raises(UpstreamError):
        await save.execute(SaveEventCommand(people.customer, external_id(imported()[0])))
    assert store.committed.saved_events == {}


async def test_without_a_ticketmaster_key_an_unstored_id_is_not_found_without_a_request(
    store: InMemoryStore, people: People, gateway: FakeTicketmasterGateway, clock: FixedClock
) -> None:
    save = SaveEvent(InMemoryUnitOfWork(store), gateway, clock, lookup_enabled=False)

    with pytest.raises(EventNotFound):
        await save.execute(SaveEventCommand(people.customer, external_id(imported()[0])))
    assert gateway.requests_used == 0


async def test_unsaving_forgets_it_and_unsaving_again_or_unknown_ids_is_harmless(
    store: InMemoryStore, save: SaveEvent, people: People, add_event: AddEvent, clock: FixedClock
) -> None:
    kept, dropped = await add_event(), await add_event()
    for event in (kept, dropped):
        await save.execute(SaveEventCommand(people.customer, str(event.id)))
    unsave = UnsaveEvent(InMemoryUnitOfWork(store))

    for ref in (str(dropped.id), str(dropped.id), "vvG1zZ9KbkY3jK", "not an id"):
        await unsave.execute(UnsaveEventCommand(people.customer, ref))

    assert await saved_ids(store, people, clock) == [str(kept.id)]


async def test_saved_events_are_listed_newest_save_first_and_marked_on_the_public_list(
    store: InMemoryStore, save: SaveEvent, people: People, add_event: AddEvent, clock: FixedClock
) -> None:
    first, second, unsaved = await add_event(), await add_event(), await add_event()
    await save.execute(SaveEventCommand(people.customer, str(first.id)))
    clock.advance(minutes=1)
    await save.execute(SaveEventCommand(people.customer, str(second.id)))

    assert await saved_ids(store, people, clock) == [str(second.id), str(first.id)]
    listed = await ListEvents(InMemoryEventReads(store), clock).execute(
        ListEventsQuery(EventFilter(), people.customer)
    )
    marks = {item.id: item.saved for item in listed.page.items}
    assert marks == {first.id: True, second.id: True, unsaved.id: False}
    anonymous = await ListEvents(InMemoryEventReads(store), clock).execute(
        ListEventsQuery(EventFilter())
    )
    assert {item.saved for item in anonymous.page.items} == {None}
