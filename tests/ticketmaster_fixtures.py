"""The recorded Discovery API responses kept with the tests (their origins: SOURCES.md there)."""

from pathlib import Path

import msgspec
import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ticketmaster"

GB = "events_search_gb_birmingham_2020-05_gbp_rescheduled_cancelled.json"
LA = "events_search_us_la_geopoint_keyword_2024-06_distance_mixed_status.json"
US_ALL = "events_search_us_all_2019-07_page0_honolulu_nospecifictime.json"
DOCS = "events_search_official-docs-example_2016-03_size1_timetba_offsale.json"
MX = "events_search_mx_2016-08_page2_size5_sort-name-desc_mxn.json"
DMA_PAGES = (
    "events_search_us_dma213_rock_2022-09_page0.json",
    "events_search_us_dma213_rock_2022-09_page1.json",
)
DETAIL = "event_detail_mx_2016-06_1Av8ZfaGkwmkMSH.json"


def fixtures_folder() -> Path:
    """The folder, or a failed test saying where it was expected (never a silent skip)."""
    if not (FIXTURES / GB).is_file():
        pytest.fail(f"recorded Ticketmaster responses not found in {FIXTURES}")
    return FIXTURES


def read_fixture(name: str) -> bytes:
    return (fixtures_folder() / name).read_bytes()


def search_fixtures() -> list[str]:
    return sorted(p.name for p in FIXTURES.glob("events_search_*.json"))


def raw_events(name: str) -> list[msgspec.Raw]:
    """The events of a recorded search response (or the one event of a detail response)."""
    body = read_fixture(name)
    if name.startswith("event_detail"):
        return [msgspec.Raw(body)]
    embedded = msgspec.json.decode(body).get("_embedded", {})
    return [msgspec.Raw(msgspec.json.encode(e)) for e in embedded.get("events", [])]
