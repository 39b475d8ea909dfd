"""Strangers cannot spend the Ticketmaster quota: every new `q` is a new market, so on-demand
refreshes are bounded per client and in total; beyond them the store answers, marked stale."""

import httpx
import pytest

from boxoffice.entrypoints.settings import (
    DatabaseSettings,
    HttpSettings,
    IdentitySettings,
    Settings,
    TicketmasterSettings,
)
from tests.e2e.api import JWT_SECRET, Api
from tests.fake_ticketmaster import API_KEY, FakeApi


@pytest.fixture
def settings(database_url: str, fake_api: FakeApi) -> Settings:
    return Settings(
        database=DatabaseSettings(url=database_url, pool_size=2),
        identity=IdentitySettings(bcrypt_rounds=4, jwt_secret=JWT_SECRET),
        ticketmaster=TicketmasterSettings(
            base_url=fake_api.base_url,
            api_key=API_KEY,
            requests_per_second=50,
            fetch_budget_seconds=5,
            refresh_client_limit=2,
            refresh_limit=3,
        ),
        http=HttpSettings(trusted_proxies="127.0.0.1"),  # the test client's address
    )


async def search(api: Api, q: str, client: str | None = None) -> httpx.Response:
    headers = {"X-Forwarded-For": client} if client else {}
    params = {"source": "ticketmaster", "q": q}
    response = await api.client.get("/events", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response


async def test_many_new_searches_from_one_client_reach_ticketmaster_only_twice(
    api: Api, fake_api: FakeApi
) -> None:
    before = len(fake_api.requests())

    answers = [await search(api, f"made-up band {i}") for i in range(20)]

    assert ["x-data-stale" in r.headers for r in answers] == [False] * 2 + [True] * 18
    assert "limited" in answers[-1].headers["x-data-stale-reason"]
    assert len(fake_api.requests()) - before == 2


async def test_all_clients_together_reach_ticketmaster_at_most_the_total_limit(
    api: Api, fake_api: FakeApi
) -> None:
    before = len(fake_api.requests())

    answers = [await search(api, f"band {i}", client=f"203.0.113.{i}") for i in range(6)]

    assert ["x-data-stale" in r.headers for r in answers] == [False] * 3 + [True] * 3
    assert len(fake_api.requests()) - before == 3


async def test_a_market_fetched_before_the_limit_is_still_listed_fresh_after_it(
    api: Api,
) -> None:
    los_angeles = {"source": "ticketmaster", "city": "Los Angeles"}
    first = await api.client.get("/events", params=los_angeles)
    await search(api, "made-up band")  # the client's second and last refresh

    refused = await search(api, "another made-up band")
    again = await api.client.get("/events", params=los_angeles)

    assert refused.headers["x-data-stale"] == "true"
    assert "x-data-stale" not in again.headers
    assert again.json()["total"] == first.json()["total"] > 0
