"""`boxoffice ticketmaster sync` against the fake API, into a real database of each kind."""

from typing import Protocol

import pytest
from click.testing import Result

from boxoffice.adapters.sqlalchemy.tables import events, venues
from tests.e2e.test_cli import RunCli, count_rows, run_cli  # noqa: F401 - the shared fixture
from tests.fake_ticketmaster import API_KEY, FakeApi


class Sync(Protocol):
    def __call__(self, *args: str, key: str = API_KEY) -> Result: ...


@pytest.fixture
def sync(run_cli: RunCli, fake_api: FakeApi) -> Sync:  # noqa: F811
    def invoke(*args: str, key: str = API_KEY) -> Result:
        return run_cli(
            "ticketmaster", "sync", *args,
            BOXOFFICE_TICKETMASTER_BASE_URL=fake_api.base_url,
            BOXOFFICE_TICKETMASTER_API_KEY=key,
            BOXOFFICE_TICKETMASTER_REQUESTS_PER_SECOND="50",
        )  # fmt: skip

    return invoke


def test_sync_imports_a_market_and_a_second_run_changes_nothing(
    sync: Sync, database_url: str
) -> None:
    first = sync("--country", "US", "--city", "Los Angeles", "--days", "62")
    assert first.exit_code == 0, first.output
    imported = count_rows(database_url, events)
    assert imported > 50
    assert f"{imported} created" in first.output
    assert count_rows(database_url, venues) > 0

    second = sync("--country", "US", "--city", "Los Angeles", "--days", "62")
    assert second.exit_code == 0, second.output
    assert "0 created, 0 updated" in second.output
    assert f"{imported} unchanged" in second.output


def test_a_refused_key_stops_with_a_clear_message_and_no_key_in_it(
    sync: Sync, database_url: str
) -> None:
    result = sync("--country", "GB", key="not-the-right-key-0000000000000")
    assert result.exit_code == 1
    assert "BOXOFFICE_TICKETMASTER_API_KEY" in result.output
    assert "not-the-right-key" not in result.output
    assert count_rows(database_url, events) == 0


def test_an_outage_stops_cleanly_keeping_nothing_half_written(
    sync: Sync, fake_api: FakeApi, database_url: str
) -> None:
    fake_api.fault(*[{"status": 503}] * 4)
    result = sync("--country", "US", "--city", "Los Angeles")
    assert result.exit_code == 1
    assert "503" in result.output
    assert "0 created" in result.output
