"""The scheduled job over the fake API into SQLite and PostgreSQL: every market in one run,
one failing market leaving the others alone, and one sync per market however many fire."""

import asyncio
from datetime import UTC, datetime

from sqlalchemy import func, select

from boxoffice.adapters.sqlalchemy.tables import events, venues
from boxoffice.entrypoints.container import Container
from boxoffice.entrypoints.jobs import sync_markets
from tests.fake_ticketmaster import FakeApi
from tests.integration.ticketmaster.conftest import NewContainer


async def count_by_city(container: Container) -> dict[str, int]:
    query = (
        select(venues.c.city, func.count())
        .select_from(events.join(venues, events.c.venue_id == venues.c.id))
        .group_by(venues.c.city)
    )
    async with container.infrastructure.engine().connect() as conn:
        return {city: int(n) for city, n in (await conn.execute(query)).all()}


async def test_one_run_syncs_every_configured_market(new_container: NewContainer) -> None:
    container = await new_container()
    markets = container.settings().ticketmaster.market_list

    reports = await sync_markets(container, markets, "job-1")

    assert [r.market for r in reports] == ["gb|london||", "us|new york||"]
    assert all(r.error is None and r.created > 0 for r in reports)
    stored = await count_by_city(container)
    assert stored == {"London": reports[0].created, "New York": reports[1].created}


async def test_a_failing_market_does_not_stop_the_others(
    new_container: NewContainer, fake_api: FakeApi
) -> None:
    container = await new_container()
    fake_api.fault(*[{"status": 503}] * 4)  # the first market's request and its 3 retries

    london, new_york = await sync_markets(
        container, container.settings().ticketmaster.market_list, "job-2"
    )

    assert london.error is not None
    assert "503" in london.error
    assert (new_york.error, new_york.created > 0) == (None, True)
    assert await count_by_city(container) == {"New York": new_york.created}


async def test_schedulers_of_several_processes_make_one_sync_per_market_per_run(
    new_container: NewContainer, fake_api: FakeApi
) -> None:
    first, second = await new_container(), await new_container()
    markets = first.settings().ticketmaster.market_list
    due = datetime.now(UTC)
    fake_api.fault({"delay": 0.5})  # keeps the first lease held while the other process tries

    runs = await asyncio.gather(
        sync_markets(first, markets, "process-1", due),
        sync_markets(second, markets, "process-2", due),
    )

    for market in range(len(markets)):
        one, other = runs[0][market], runs[1][market]
        synced = [r for r in (one, other) if not (r.busy or r.already_fresh)]
        assert len(synced) == 1, (one, other)
        assert synced[0].created > 0
    requests = len(fake_api.requests())
    late = await sync_markets(second, markets, "process-2-late", due)
    assert all(r.already_fresh for r in late)
    assert len(fake_api.requests()) == requests  # a late scheduler asks Ticketmaster nothing


async def test_two_runs_at_once_without_a_cut_off_still_sync_a_market_once(
    new_container: NewContainer, fake_api: FakeApi
) -> None:
    first, second = await new_container(), await new_container()
    markets = first.settings().ticketmaster.market_list[:1]
    fake_api.fault({"delay": 0.5})

    (one,), (other,) = await asyncio.gather(
        sync_markets(first, markets, "run-1"), sync_markets(second, markets, "run-2")
    )

    assert sorted([one.busy, other.busy]) == [False, True]
    assert max(one.created, other.created) > 0
