from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
from dependency_injector import providers

from boxoffice.adapters.ticketmaster.gateway import HttpxTicketmasterGateway
from boxoffice.adapters.ticketmaster.pacing import Backoff
from boxoffice.entrypoints.container import Container, build_container
from boxoffice.entrypoints.settings import DatabaseSettings, Settings, TicketmasterSettings
from tests.fake_ticketmaster import API_KEY, FakeApi

FAST = Backoff(retries=3, base_seconds=0.01, max_seconds=0.05)


@pytest.fixture
async def http(fake_api: FakeApi) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=fake_api.base_url, timeout=2.0) as client:
        yield client


@pytest.fixture
def gateway(http: httpx.AsyncClient) -> HttpxTicketmasterGateway:
    return HttpxTicketmasterGateway(http, API_KEY, per_second=100, backoff=FAST)


MARKETS = "country=GB,city=London,days=62; country=US,city=New York,days=62"


def sync_settings(database_url: str, fake_api: FakeApi, markets: str = MARKETS) -> Settings:
    return Settings(
        database=DatabaseSettings(url=database_url, pool_size=2),
        ticketmaster=TicketmasterSettings(
            base_url=fake_api.base_url, api_key=API_KEY, markets=markets, requests_per_second=100
        ),
    )


NewContainer = Callable[..., Awaitable[Container]]


@pytest.fixture
async def new_container(database_url: str, fake_api: FakeApi) -> AsyncIterator[NewContainer]:
    """Makes started containers (one per would-be process) wired to the fake API and the
    test database, with quick retries; shuts them down after the test."""
    made: list[Container] = []

    async def make(markets: str = MARKETS) -> Container:
        container = build_container(sync_settings(database_url, fake_api, markets))
        container.ticketmaster.gateway.override(
            providers.Singleton(
                HttpxTicketmasterGateway,
                container.ticketmaster.client,
                API_KEY,
                per_second=100,
                backoff=FAST,
            )
        )
        made.append(container)  # before its start: what a failed start opened is shut too
        started = container.init_resources()
        assert started is not None, "its resources are async: starting them is awaited"
        await started
        return container

    yield make
    for container in made:
        shutdown = container.shutdown_resources()
        assert shutdown is not None, "its resources are async: shutting them is awaited"
        await shutdown
