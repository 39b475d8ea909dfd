"""The TicketmasterGateway contract: the in-memory fake and the httpx adapter (over real HTTP,
against the fake Discovery API serving recorded responses) answer the same questions the same
way, so the use cases' tests on the fake say what the real gateway does."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from boxoffice.adapters.ticketmaster.gateway import HttpxTicketmasterGateway
from boxoffice.application.ports.ticketmaster import (
    MarketQuery,
    TicketmasterGateway,
    UpstreamUnavailable,
)
from boxoffice.domain.events import Event
from tests.fake_gateway import FakeTicketmasterGateway
from tests.fake_ticketmaster import API_KEY, FakeApi
from tests.integration.ticketmaster.conftest import FAST

NOW = datetime.now(UTC)
BIRMINGHAM_2020 = MarketQuery(
    datetime(2020, 1, 1, tzinfo=UTC), datetime(2022, 1, 1, tzinfo=UTC), "GB", "Birmingham"
)
RECORDED_ID = "1Av8ZfaGkwmkMSH"  # a recorded event-detail answer
# The gateway under test, and what makes it fail (the fake API, or the fake gateway).
Gateway = tuple[TicketmasterGateway, FakeApi | FakeTicketmasterGateway]


def http_gateway(http: httpx.AsyncClient) -> HttpxTicketmasterGateway:
    return HttpxTicketmasterGateway(http, API_KEY, per_second=100, page_size=7, backoff=FAST)


async def recorded_pages(http: httpx.AsyncClient) -> list[list[Event]]:
    """What the recorded responses hold, as the adapter maps them: the fake serves the same."""
    pages = [page.events async for page in http_gateway(http).search(BIRMINGHAM_2020, NOW)]
    detail = await http_gateway(http).event(RECORDED_ID, NOW)
    assert detail is not None
    return [*pages, [detail]]


@pytest.fixture(params=["fake", "httpx"])
async def gateway(request: pytest.FixtureRequest, fake_api: FakeApi) -> AsyncIterator[Gateway]:
    """The gateway under test, and what makes it fail (the fake API, or the fake gateway)."""
    async with httpx.AsyncClient(base_url=fake_api.base_url, timeout=5.0) as http:
        if request.param == "httpx":
            adapter = http_gateway(http)
            yield adapter, fake_api
        else:
            fake = FakeTicketmasterGateway(await recorded_pages(http))
            yield fake, fake


async def everything(gateway: TicketmasterGateway, query: MarketQuery) -> list[Event]:
    return [e async for page in gateway.search(query, NOW) for e in page.events]


async def test_a_search_yields_every_event_once_with_its_listing(gateway: Gateway) -> None:
    adapter, _ = gateway

    events = await everything(adapter, BIRMINGHAM_2020)

    external_ids = [e.listing.external_id for e in events if e.listing is not None]
    assert len(events) >= 20
    assert len(external_ids) == len(set(external_ids)) == len(events)
    assert all(e.details.title for e in events)


async def test_each_page_expects_the_whole_total(gateway: Gateway) -> None:
    adapter, _ = gateway

    pages = [page async for page in adapter.search(BIRMINGHAM_2020, NOW)]

    seen = sum(len(p.events) + len(p.skipped) for p in pages)
    assert len(pages) >= 2
    assert {p.expected_total for p in pages} == {seen}


async def test_an_event_by_id_and_an_unknown_id(gateway: Gateway) -> None:
    adapter, _ = gateway

    found = await adapter.event(RECORDED_ID, NOW)
    missing = await adapter.event("NoSuchEvent123", NOW)

    assert found is not None
    assert found.listing is not None
    assert found.listing.external_id == RECORDED_ID
    assert found.details.title == "Acuario Inbursa"
    assert missing is None


async def test_every_question_counts_as_a_request(gateway: Gateway) -> None:
    adapter, _ = gateway
    before = adapter.requests_used

    await adapter.event(RECORDED_ID, NOW)
    pages = [page async for page in adapter.search(BIRMINGHAM_2020, NOW)]

    assert adapter.requests_used - before >= 1 + len(pages)


async def test_an_upstream_that_stays_down_is_unavailable(gateway: Gateway) -> None:
    adapter, breaker = gateway
    if isinstance(breaker, FakeTicketmasterGateway):
        breaker.fail_after = 0
    else:
        breaker.fault(*[{"status": 503}] * 4)

    with pytest.raises(UpstreamUnavailable):
        await adapter.event(RECORDED_ID, NOW)
