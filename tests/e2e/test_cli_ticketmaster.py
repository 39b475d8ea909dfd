"""`boxoffice ticketmaster sync` against the fake API, into a real database of each kind."""

import pytest

from boxoffice.adapters.sqlalchemy.tables import events, venues
from tests.e2e.test_cli import count_rows, run_cli  # noqa: F401 - the shared fixture
from tests.fake_ticketmaster import API_KEY, FakeApi


@pytest.fixture
def sync(run_cli, fake_api: FakeApi):  # noqa: F811
    def invoke(*args: str, key: str = API_KEY):
        return run_cli(
            "ticketmaster", "sync", *args,
            BOXOFFICE_TICKETMASTER_BASE_URL=fake_api.base_url,
            BOXOFFICE_TICKETMASTER_API_KEY=key,
            BOXOFFICE_TICKETMASTER_REQUESTS_PER_SECOND="50",
        )  # fmt: skip

    return invoke


def test_sync_imports_a_market_and_a_second_run_changes_nothing(sync, database_url):
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


def test_a_refused_key_stops_with_a_clear_message_and_no_key_in_it(sync, database_url):
    result = sync("--country", "GB", key="not-the-right-key-0000000000000")
    assert result.exit_code == 1
    assert "BOXOFFICE_TICKETMASTER_API_KEY" in result.output
    assert "not-the-right-key" not in result.output
    assert count_rows(database_url, events) == 0


def test_an_outage_stops_cleanly_keeping_nothing_half_written(sync, fake_api, database_url):
    fake_api.fault(*[{"status": 503}] * 4)
    result = sync("--country", "US", "--city", "Los Angeles")
    assert result.exit_code == 1
    assert "503" in result.output
    assert "0 created" in result.output
