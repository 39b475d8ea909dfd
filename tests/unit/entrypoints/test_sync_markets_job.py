"""The job behind both schedulers: every market in turn, failures contained, logs bound."""

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

import pytest
from dependency_injector import providers
from loguru import logger

from boxoffice.application.models.markets import Market
from boxoffice.application.use_cases.sync_ticketmaster import SyncMarket, SyncReport
from boxoffice.entrypoints.container import build_container
from boxoffice.entrypoints.jobs import as_result, sync_markets
from boxoffice.entrypoints.settings import DatabaseSettings, Settings

if TYPE_CHECKING:
    from loguru import Record

MARKETS = (Market("GB", "London"), Market("US", "New York"), Market("MX"))


class SyncFailingInLondon:
    def __init__(self) -> None:
        self.cut_offs: list[datetime | None] = []

    async def execute(self, command: SyncMarket) -> SyncReport:
        self.cut_offs.append(command.unless_synced_since)
        query = command.query
        if query.city == "London":
            raise RuntimeError("connection to the database lost")
        if query.country_code == "MX":
            return SyncReport(query.market, busy=True, error="a sync is already running")
        return SyncReport(query.market, fetched=3, created=2, unchanged=1, requests=1)


@pytest.fixture
def log_records() -> Iterator[list["Record"]]:
    records: list[Record] = []
    sink = logger.add(lambda message: records.append(message.record), level="INFO")
    yield records
    logger.remove(sink)


async def test_a_market_that_raises_is_reported_and_the_others_still_run(
    log_records: list["Record"],
) -> None:
    container = build_container(
        Settings(database=DatabaseSettings(url="sqlite+aiosqlite:///unused.db"))
    )
    fake = SyncFailingInLondon()
    container.use_cases.sync_ticketmaster.override(providers.Object(fake))
    due = datetime.fromisoformat("2026-11-23T10:00:00+00:00")

    london, new_york, mexico = await sync_markets(container, MARKETS, "job-42", due)

    assert london.error == "RuntimeError: connection to the database lost"
    assert (new_york.error, new_york.created) == (None, 2)
    assert mexico.busy
    assert fake.cut_offs == [due, due, due]
    summaries = [r for r in log_records if r["message"].startswith("scheduled sync")]
    assert all(r["extra"]["job_id"] == "job-42" for r in summaries)
    assert [r["extra"].get("market") for r in summaries] == [
        "gb|london||", "us|new york||", "mx|||", None,
    ]  # fmt: skip
    assert summaries[-1]["message"] == "scheduled sync done: 3 markets, 1 failed"
    assert as_result([london, new_york, mexico]) == {
        "gb|london||": "0 fetched, 0 created, 0 updated, 0 unchanged, 0 skipped, 0 requests; "
        "stopped: RuntimeError: connection to the database lost",
        "us|new york||": "3 fetched, 2 created, 0 updated, 1 unchanged, 0 skipped, 1 requests",
        "mx|||": "skipped, another sync of this market is running",
    }
