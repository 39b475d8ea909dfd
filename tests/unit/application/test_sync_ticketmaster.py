"""Syncing a market: created, then unchanged, then updated; faults keep what was stored."""

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from boxoffice.adapters.ticketmaster.decoding import map_events
from boxoffice.application.models.queries import EventFilter
from boxoffice.application.ports.ticketmaster import FetchedPage, MarketQuery
from boxoffice.application.use_cases.sync_ticketmaster import SyncMarket, SyncTicketmaster
from boxoffice.domain.events import Event
from boxoffice.domain.listings import EventSource
from tests.builders import NOW
from tests.fake_gateway import FakeTicketmasterGateway
from tests.fakes import FixedClock, InMemoryStore, InMemoryUnitOfWork
from tests.ticketmaster_fixtures import DMA_PAGES, raw_events

QUERY = SyncMarket(MarketQuery(NOW - timedelta(days=3650), NOW, "US"))


def pages() -> list[list[Event]]:
    return [map_events(raw_events(name), NOW).events for name in DMA_PAGES]


def sync(store: InMemoryStore, gateway: FakeTicketmasterGateway) -> SyncTicketmaster:
    return SyncTicketmaster(InMemoryUnitOfWork(store), gateway, FixedClock(NOW))


async def stored(store: InMemoryStore) -> int:
    async with InMemoryUnitOfWork(store) as uow:
        query = EventFilter(source=EventSource.TICKETMASTER, starts_from=NOW - timedelta(days=9999))
        return (await uow.events.list(query, NOW)).total


async def test_a_first_sync_creates_and_a_second_changes_nothing() -> None:
    store = InMemoryStore()
    first = await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)
    assert (first.fetched, first.created, first.updated, first.unchanged) == (20, 20, 0, 0)
    assert first.requests == 2
    assert first.error is None
    commits = store.commits

    second = await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)

    assert (second.fetched, second.created, second.updated, second.unchanged) == (20, 0, 0, 20)
    assert second.writes == 0
    assert store.commits - commits == 4  # lease, two empty page transactions, release


async def test_a_changed_event_is_updated_and_reported_by_id() -> None:
    store = InMemoryStore()
    await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)
    changed_pages = pages()
    moved = changed_pages[1][3]
    changed_pages[1][3] = Event(
        moved.id,
        dataclasses.replace(moved.details, title="Moved upstairs"),
        moved.created_at,
        listing=moved.listing,
    )

    report = await sync(store, FakeTicketmasterGateway(changed_pages)).execute(QUERY)

    assert (report.updated, report.unchanged, report.changed) == (1, 19, (moved.id,))


async def test_a_fault_midway_stops_cleanly_and_keeps_the_pages_already_stored() -> None:
    store = InMemoryStore()
    report = await sync(store, FakeTicketmasterGateway(pages(), fail_after=1)).execute(QUERY)

    assert report.error is not None
    assert "503" in report.error
    assert (report.fetched, report.created) == (10, 10)
    assert await stored(store) == 10
    again = await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)
    assert (again.created, again.unchanged) == (10, 10)  # the lease was released


async def test_a_market_already_being_synced_is_left_alone() -> None:
    store = InMemoryStore()
    async with InMemoryUnitOfWork(store) as uow:
        assert await uow.market_syncs.acquire(QUERY.query.market, NOW, NOW + timedelta(minutes=5))
        await uow.commit()

    report = await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)

    assert report.busy
    assert report.fetched == 0
    assert await stored(store) == 0


async def test_a_market_synced_since_the_cut_off_is_left_alone_and_its_lease_free() -> None:
    store = InMemoryStore()
    await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)  # succeeded at NOW
    gateway = FakeTicketmasterGateway(pages())

    report = await sync(store, gateway).execute(
        replace(QUERY, unless_synced_since=NOW - timedelta(minutes=1))
    )

    assert report.already_fresh
    assert not report.busy
    assert (report.fetched, gateway.requests_used) == (0, 0)
    again = await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)
    assert not again.busy  # the skipped run did not keep the lease
    assert again.unchanged == 20


async def test_a_market_last_synced_before_the_cut_off_is_synced() -> None:
    store = InMemoryStore()
    await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)  # succeeded at NOW

    report = await sync(store, FakeTicketmasterGateway(pages())).execute(
        replace(QUERY, unless_synced_since=NOW + timedelta(seconds=1))
    )

    assert not report.already_fresh
    assert report.unchanged == 20


async def test_a_market_never_synced_is_synced_whatever_the_cut_off() -> None:
    report = await sync(InMemoryStore(), FakeTicketmasterGateway(pages())).execute(
        replace(QUERY, unless_synced_since=NOW)
    )

    assert (report.already_fresh, report.created) == (False, 20)


class BrokenGateway(FakeTicketmasterGateway):
    """Serves its first page, then fails in a way no gateway error covers (or is cancelled)."""

    def __init__(self, failure: BaseException) -> None:
        super().__init__(pages())
        self.unexpected = failure

    async def search(self, query: MarketQuery, now: datetime) -> AsyncIterator[FetchedPage]:
        async for page in super().search(query, now):
            yield page
            raise self.unexpected


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), asyncio.CancelledError()])
async def test_an_interrupted_sync_gives_the_lease_back_without_recording_a_success(
    failure: BaseException,
) -> None:
    store = InMemoryStore()

    with pytest.raises(type(failure)):
        await sync(store, BrokenGateway(failure)).execute(QUERY)

    assert await stored(store) == 10  # the first page stays stored
    async with InMemoryUnitOfWork(store) as uow:
        assert await uow.market_syncs.last_success(QUERY.query.market) is None
    again = await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)
    assert not again.busy
