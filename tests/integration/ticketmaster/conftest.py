from collections.abc import AsyncIterator

import httpx
import pytest

from adapters.ticketmaster.gateway import HttpxTicketmasterGateway
from adapters.ticketmaster.pacing import Backoff
from tests.fake_ticketmaster import API_KEY, FakeApi

FAST = Backoff(retries=3, base_seconds=0.01, max_seconds=0.05)


@pytest.fixture
async def http(fake_api: FakeApi) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=fake_api.base_url, timeout=2.0) as client:
        yield client


@pytest.fixture
def gateway(http: httpx.AsyncClient) -> HttpxTicketmasterGateway:
    return HttpxTicketmasterGateway(http, API_KEY, per_second=100, backoff=FAST)
