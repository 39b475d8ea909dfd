"""The httpx gateway against the fake Discovery API, over real HTTP."""

import re
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from loguru import logger
from redis.asyncio import Redis

from boxoffice.adapters.ticketmaster.gateway import HttpxTicketmasterGateway
from boxoffice.adapters.ticketmaster.redis_budget import RedisDailyBudget
from boxoffice.application.ports.ticketmaster import (
    MarketQuery,
    UpstreamRateLimited,
    UpstreamRefusedKey,
    UpstreamUnavailable,
)
from boxoffice.domain.events import Event
from tests.conftest import require_redis
from tests.fake_ticketmaster import API_KEY, GENERATED, FakeApi
from tests.integration.ticketmaster.conftest import FAST

NOW = datetime.now(UTC)
NEXT_TWO_MONTHS = MarketQuery(NOW - timedelta(days=1), NOW + timedelta(days=62))
BIRMINGHAM_2020 = MarketQuery(
    datetime(2020, 1, 1, tzinfo=UTC), datetime(2022, 1, 1, tzinfo=UTC), "GB", "Birmingham"
)
API_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


async def everything(gateway: HttpxTicketmasterGateway, query: MarketQuery) -> list[Event]:
    return [e async for page in gateway.search(query, NOW) for e in page.events]


async def test_a_search_pages_through_every_event_of_the_market(
    http: httpx.AsyncClient, fake_api: FakeApi
) -> None:
    gateway = HttpxTicketmasterGateway(http, API_KEY, per_second=100, page_size=7, backoff=FAST)

    events = await everything(gateway, BIRMINGHAM_2020)

    assert len(events) == len({e.id for e in events}) == 20  # the recorded Birmingham page
    sent = fake_api.requests()
    assert [int(r["page"]) for r in sent] == [0, 1, 2]
    assert all(
        API_TIME.match(r["startDateTime"]) and API_TIME.match(r["endDateTime"]) for r in sent
    )
    assert {r["countryCode"] for r in sent} == {"GB"}
    assert gateway.requests_used == 3


async def test_a_window_too_deep_to_page_through_is_split_into_narrower_ones(
    http: httpx.AsyncClient, fake_api: FakeApi
) -> None:
    gateway = HttpxTicketmasterGateway(http, API_KEY, per_second=100, page_size=200, backoff=FAST)

    events = await everything(gateway, NEXT_TWO_MONTHS)

    assert len({e.listing.external_id for e in events if e.listing}) >= GENERATED - 100
    sent = fake_api.requests()
    assert all(int(r["size"]) * int(r["page"]) < 1000 for r in sent)
    windows = {(r["startDateTime"], r["endDateTime"]) for r in sent}
    assert len(windows) >= 3  # the whole window, then at least its two halves


async def test_an_empty_result_without_embedded_events_yields_nothing(
    gateway: HttpxTicketmasterGateway,
) -> None:
    query = MarketQuery(NOW, NOW + timedelta(days=1), "GB", "Nowhere-on-earth")
    assert await everything(gateway, query) == []


async def test_an_event_by_id_and_an_unknown_id(gateway: HttpxTicketmasterGateway) -> None:
    event = await gateway.event("1Av8ZfaGkwmkMSH", NOW)
    assert event is not None
    assert event.details.title == "Acuario Inbursa"
    assert await gateway.event("NoSuchEvent123", NOW) is None
    assert await gateway.event("../../etc/passwd", NOW) is None


async def test_a_429_with_retry_after_is_waited_out(
    gateway: HttpxTicketmasterGateway, fake_api: FakeApi
) -> None:
    fake_api.fault({"status": 429, "retry_after": 1})
    started = time.monotonic()

    assert await gateway.event("1Av8ZfaGkwmkMSH", NOW) is not None

    assert time.monotonic() - started >= 1.0
    assert gateway.requests_used == 2


async def test_a_429_asking_for_too_long_a_wait_stops_with_rate_limited(
    gateway: HttpxTicketmasterGateway, fake_api: FakeApi
) -> None:
    fake_api.fault({"status": 429, "retry_after": 3600})
    with pytest.raises(UpstreamRateLimited) as raised:
        await gateway.event("1Av8ZfaGkwmkMSH", NOW)
    assert raised.value.retry_at is not None


async def test_server_errors_are_retried_with_backoff(
    gateway: HttpxTicketmasterGateway, fake_api: FakeApi
) -> None:
    fake_api.fault({"status": 503}, {"status": 500})
    assert await gateway.event("1Av8ZfaGkwmkMSH", NOW) is not None
    assert gateway.requests_used == 3


async def test_server_errors_that_persist_stop_after_bounded_retries(
    gateway: HttpxTicketmasterGateway, fake_api: FakeApi
) -> None:
    fake_api.fault(*[{"status": 502}] * 4)
    with pytest.raises(UpstreamUnavailable, match="4 attempts"):
        await gateway.event("1Av8ZfaGkwmkMSH", NOW)
    assert gateway.requests_used == 4


async def test_a_timeout_is_retried_and_then_reported(
    fake_api: FakeApi,
) -> None:
    # The client's timeout leaves a loaded machine time to answer the request that succeeds;
    # the faulted answers come well after it.
    fake_api.fault({"delay": 3.0}, {"delay": 3.0})
    async with httpx.AsyncClient(base_url=fake_api.base_url, timeout=1.0) as client:
        gateway = HttpxTicketmasterGateway(client, API_KEY, per_second=100, backoff=FAST)
        assert await gateway.event("1Av8ZfaGkwmkMSH", NOW) is not None
        fake_api.fault(*[{"delay": 3.0}] * 4)
        with pytest.raises(UpstreamUnavailable, match="did not answer in time"):
            await gateway.event("1Av8ZfaGkwmkMSH", NOW)


async def test_truncated_json_is_reported_as_unavailable(
    gateway: HttpxTicketmasterGateway, fake_api: FakeApi
) -> None:
    fake_api.fault({"truncate": True})
    with pytest.raises(UpstreamUnavailable, match="unreadable"):
        await everything(gateway, BIRMINGHAM_2020)


async def test_a_refused_key_stops_at_once_naming_the_setting_and_never_the_key(
    http: httpx.AsyncClient, fake_api: FakeApi
) -> None:
    secret = "wrong-key-that-must-not-leak-12345"
    lines: list[str] = []
    sink = logger.add(lines.append, level="DEBUG")
    try:
        gateway = HttpxTicketmasterGateway(http, secret, per_second=100, backoff=FAST)
        with pytest.raises(UpstreamRefusedKey, match="BOXOFFICE_TICKETMASTER_API_KEY") as raised:
            await everything(gateway, BIRMINGHAM_2020)
    finally:
        logger.remove(sink)
    assert gateway.requests_used == 1
    assert secret not in str(raised.value)
    assert not any(secret in line for line in lines)
    with pytest.raises(UpstreamRefusedKey, match="no Ticketmaster API key"):
        await HttpxTicketmasterGateway(http, "").event("1Av8ZfaGkwmkMSH", NOW)


async def test_requests_are_spaced_to_the_rate_limit(http: httpx.AsyncClient) -> None:
    gateway = HttpxTicketmasterGateway(http, API_KEY, per_second=5, backoff=FAST)
    started = time.monotonic()
    for _ in range(6):
        await gateway.event("1Av8ZfaGkwmkMSH", NOW)
    assert time.monotonic() - started >= 1.0  # six starts, 200 ms apart


async def test_the_daily_budget_stops_requests_before_the_api_does(
    http: httpx.AsyncClient,
) -> None:
    gateway = HttpxTicketmasterGateway(http, API_KEY, per_second=100, daily_budget=2)
    await gateway.event("1Av8ZfaGkwmkMSH", NOW)
    await gateway.event("1Av8ZfaGkwmkMSH", NOW)
    with pytest.raises(UpstreamRateLimited, match="DAILY_BUDGET"):
        await gateway.event("1Av8ZfaGkwmkMSH", NOW)


@pytest.mark.redis
async def test_gateways_of_several_processes_spend_one_daily_budget_through_redis(
    http: httpx.AsyncClient, fake_api: FakeApi
) -> None:
    prefix = f"test:budget:{uuid.uuid4().hex}:"
    client = Redis.from_url(require_redis())
    first, second = (
        HttpxTicketmasterGateway(
            http, API_KEY, per_second=100, budget=RedisDailyBudget(client, 3, prefix)
        )
        for _ in range(2)
    )
    # Noon tomorrow: Redis expires a day's counter at the end of that day, so a module-wide
    # NOW of yesterday (the suite crossed midnight) would find every counter gone at once.
    noon = datetime.now(UTC).replace(hour=12, minute=0) + timedelta(days=1)
    before = len(fake_api.requests())
    try:
        for gateway in (first, second, first):
            await gateway.event("1Av8ZfaGkwmkMSH", noon)
        with pytest.raises(UpstreamRateLimited, match="DAILY_BUDGET"):
            await second.event("1Av8ZfaGkwmkMSH", noon)
    finally:
        await client.aclose()

    assert len(fake_api.requests()) - before == 3
