"""BOXOFFICE_TICKETMASTER_MARKETS and _SYNC_CRON: parsed at start-up, refused with a message
that names the variable."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boxoffice.application.models.markets import InvalidMarket, Market
from boxoffice.entrypoints.markets import format_markets, parse_markets
from boxoffice.entrypoints.settings import Settings, SettingsError, TicketmasterSettings


def test_markets_are_read_with_every_key_and_days_defaulting_to_the_setting() -> None:
    settings = Settings.from_env(
        {
            "BOXOFFICE_TICKETMASTER_MARKETS": (
                "country=us, city=New York,classification=music,days=14 ;"
                " country=GB,city=London ; keyword=jazz festival;"
            ),
            "BOXOFFICE_TICKETMASTER_DAYS": "21",
        }
    )

    assert settings.ticketmaster.market_list == (
        Market("US", "New York", classification="music", days=14),
        Market("GB", "London", days=21),
        Market(keyword="jazz festival", days=21),
    )


@pytest.mark.parametrize("blank", ["", "  ", " ; ;"])
def test_no_markets_is_an_empty_list_and_no_scheduled_sync(blank: str) -> None:
    settings = Settings(ticketmaster=TicketmasterSettings(markets=blank, api_key="key"))

    assert settings.ticketmaster.market_list == ()
    assert not settings.ticketmaster.scheduled_sync_enabled


def test_the_scheduled_sync_needs_both_markets_and_a_key() -> None:
    assert not TicketmasterSettings(markets="country=GB").scheduled_sync_enabled
    assert TicketmasterSettings(markets="country=GB", api_key="key").scheduled_sync_enabled


@pytest.mark.parametrize(
    ("raw", "complaint"),
    [
        ("country=US,town=Boston", "unknown key 'town'"),
        ("country=US,city", "'city' in 'country=US,city' is not key=value"),
        ("country=US,city=", "is not key=value"),
        ("country=USA", "two-letter ISO 3166 code"),
        ("country=U1", "two-letter ISO 3166 code"),
        ("city=Paris,city=Lyon", "'city' appears twice"),
        ("days=14", "needs one of country, city, keyword, classification"),
        ("country=US,days=two", "days must be a whole number"),
        ("country=US,days=0", "days must be between 1 and 365"),
        ("country=US,days=366", "days must be between 1 and 365"),
        ("country=GB,city=London; city=London,country=gb", "listed twice"),
    ],
)
def test_a_malformed_market_stops_the_start_naming_the_variable(raw: str, complaint: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"BOXOFFICE_TICKETMASTER_MARKETS": raw})

    assert str(caught.value).startswith("BOXOFFICE_TICKETMASTER_MARKETS: ")
    assert complaint in str(caught.value)


@pytest.mark.parametrize("cron", ["every hour", "61 * * * *", "* * * *", "* * * * * * * *"])
def test_a_malformed_cron_stops_the_start_naming_the_variable(cron: str) -> None:
    with pytest.raises(SettingsError, match="BOXOFFICE_TICKETMASTER_SYNC_CRON"):
        Settings.from_env({"BOXOFFICE_TICKETMASTER_SYNC_CRON": cron})


@pytest.mark.parametrize("cron", ["17 */3 * * *", "0 6 * * mon-fri", "* * * * * */10"])
def test_five_and_six_field_crons_are_accepted(cron: str) -> None:
    assert TicketmasterSettings(sync_cron=cron).sync_cron == cron


def test_a_market_queries_its_window_and_is_named_without_it() -> None:
    now = datetime(2026, 11, 23, 10, tzinfo=UTC)
    market = Market("GB", "London", "jazz", "music", days=7)

    query = market.query(now)

    assert (query.starts_from, query.starts_before) == (now, now + timedelta(days=7))
    assert (query.country_code, query.city, query.keyword) == ("GB", "London", "jazz")
    assert query.classification == "music"
    assert market.name == query.market == "gb|london|jazz|music"
    assert Market("GB", "London", "jazz", "music", days=30).name == market.name


def test_a_market_without_any_criterion_is_refused() -> None:
    with pytest.raises(InvalidMarket):
        Market(days=5)


# Values as the format allows them: no separators, no surrounding blanks, not empty.
values = st.text(
    st.characters(blacklist_characters=",;=", blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=20,
).filter(lambda v: v == v.strip() and v != "")
criteria = st.tuples(
    st.none() | st.sampled_from(["US", "GB", "MX", "IN", "DE"]),
    st.none() | values,
    st.none() | values,
    st.none() | values,
).filter(any)


def a_market(criteria: tuple[str | None, str | None, str | None, str | None], days: int) -> Market:
    country_code, city, keyword, classification = criteria
    return Market(country_code, city, keyword, classification, days=days)


markets = st.builds(a_market, criteria, st.integers(1, 365))


@given(st.lists(markets, max_size=4, unique_by=lambda m: m.name))
def test_formatting_then_parsing_gives_the_same_markets(listed: list[Market]) -> None:
    assert parse_markets(format_markets(tuple(listed)), default_days=30) == tuple(listed)
