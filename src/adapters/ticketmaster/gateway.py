"""The Discovery API v2 over httpx: searches within the deep-paging limit, events by id.

The API key travels in the `apikey` query parameter, so request URLs are never logged and
no error message is built from one.
"""

import asyncio
import logging
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
from loguru import logger

from boxoffice.adapters.ticketmaster.decoding import (
    MalformedResponse,
    decode_detail,
    decode_search,
    map_events,
)
from boxoffice.adapters.ticketmaster.pacing import (
    Backoff,
    InProcessDailyBudget,
    Pacer,
    retry_after_seconds,
)
from boxoffice.application.ports.ticketmaster import (
    FetchedPage,
    MarketQuery,
    UpstreamError,
    UpstreamRateLimited,
    UpstreamRefusedKey,
    UpstreamUnavailable,
)
from boxoffice.application.ports.upstream_budget import UpstreamBudget
from boxoffice.domain.events import Event

DEFAULT_BASE_URL = "https://app.ticketmaster.com/discovery/v2"
KEY_SETTING = "BOXOFFICE_TICKETMASTER_API_KEY"
DEEP_PAGING_LIMIT = 1000  # the API serves only pages with size * page < 1000
MIN_WINDOW = timedelta(hours=1)
_EVENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

# httpx logs every request URL at INFO, and ours carry the key.
logging.getLogger("httpx").setLevel(logging.WARNING)


def api_time(moment: datetime) -> str:
    """The only format the API accepts: YYYY-MM-DDTHH:mm:ssZ."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class HttpxTicketmasterGateway:
    def __init__(
        self,
        client: httpx.AsyncClient,
        api_key: str,
        *,
        per_second: float = 5.0,
        daily_budget: int = 5000,
        budget: UpstreamBudget | None = None,
        page_size: int = 199,
        backoff: Backoff | None = None,
        max_wait_seconds: float = 30.0,
    ) -> None:
        self._client = client
        self._key = api_key
        self._pacer = Pacer(per_second)
        # One process alone may count its own budget; several share one (RedisDailyBudget).
        self._budget = budget or InProcessDailyBudget(daily_budget)
        self._size = page_size
        self._pages = (DEEP_PAGING_LIMIT - 1) // page_size + 1
        self._backoff = backoff or Backoff()
        self._max_wait = max_wait_seconds
        self._used = 0

    @property
    def requests_used(self) -> int:
        return self._used

    async def search(self, query: MarketQuery, now: datetime) -> AsyncIterator[FetchedPage]:
        windows = [(query.starts_from, query.starts_before)]
        while windows:
            start, end = windows.pop(0)
            for page in range(self._pages):
                body = await self._search_page(query, start, end, page, now)
                try:
                    result = decode_search(body)
                except MalformedResponse as e:
                    raise UpstreamUnavailable(str(e)) from e
                total = result.page.totalElements
                if page == 0 and total > self._size * self._pages and end - start > MIN_WINDOW:
                    middle = start + (end - start) / 2
                    windows[:0] = [(start, middle), (middle, end)]
                    logger.info("Ticketmaster window of {} events split in two", total)
                    break
                batch = map_events(result.events, now)
                yield FetchedPage(batch.events, batch.skipped, total)
                if page + 1 >= result.page.totalPages or not result.events:
                    break

    async def event(self, external_id: str, now: datetime) -> Event | None:
        if not _EVENT_ID.match(external_id):
            return None
        response = await self._get(f"/events/{external_id}.json", {"locale": "*"}, now)
        if response is None:
            return None
        try:
            batch = map_events([decode_detail(response)], now)
        except MalformedResponse as e:
            raise UpstreamUnavailable(str(e)) from e
        return batch.events[0] if batch.events else None

    async def _search_page(
        self, query: MarketQuery, start: datetime, end: datetime, page: int, now: datetime
    ) -> bytes:
        params = {
            "startDateTime": api_time(start),
            "endDateTime": api_time(end),
            "countryCode": query.country_code,
            "city": query.city,
            "keyword": query.keyword,
            "classificationName": query.classification,
            "includeTBA": "yes",
            "includeTBD": "yes",
            "includeTest": "no",
            "locale": "*",
            "sort": "id,asc",
            "size": str(self._size),
            "page": str(page),
        }
        response = await self._get("/events.json", {k: v for k, v in params.items() if v}, now)
        if response is None:
            raise UpstreamUnavailable("Ticketmaster answered 404 to an event search")
        return response

    async def _get(self, path: str, params: dict[str, str], now: datetime) -> bytes | None:
        """The body of a 200, None for a 404; retries what retrying can fix."""
        if not self._key:
            raise UpstreamRefusedKey(f"no Ticketmaster API key: set {KEY_SETTING}")
        for attempt in range(self._backoff.retries + 1):
            last = attempt == self._backoff.retries
            if not await self._budget.spend(now):
                raise UpstreamRateLimited(
                    f"the daily budget of {self._budget.per_day} Ticketmaster requests is used "
                    "up (BOXOFFICE_TICKETMASTER_DAILY_BUDGET)"
                )
            await self._pacer.wait()
            self._used += 1
            try:
                response = await self._client.get(path, params={**params, "apikey": self._key})
            except httpx.TimeoutException:
                problem = "did not answer in time"
            except httpx.TransportError as e:
                problem = f"could not be reached ({type(e).__name__})"
            else:
                wait = self._verdict(response, now, last)
                if wait is None:
                    return None if response.status_code == 404 else response.content
                if wait > 0:
                    await asyncio.sleep(wait)
                    continue
                problem = f"answered {response.status_code}"
            if last:
                raise UpstreamUnavailable(f"Ticketmaster {problem} ({attempt + 1} attempts)")
            logger.warning("Ticketmaster {}; retrying", problem)
            await asyncio.sleep(self._backoff.delay(attempt))
        raise AssertionError("unreachable")

    def _verdict(self, response: httpx.Response, now: datetime, last: bool) -> float | None:
        """None: use this response; 0: retry after a backoff; > 0: retry after that long."""
        status = response.status_code
        if status in (200, 404):
            return None
        if status in (401, 403):
            raise UpstreamRefusedKey(
                f"Ticketmaster refused the API key ({status}): check {KEY_SETTING}"
            )
        if status == 429:
            wait = retry_after_seconds(dict(response.headers), now)
            quota = b"QuotaViolation" in response.content
            if quota or last or (wait is not None and wait > self._max_wait):
                retry_at = None if wait is None else now + timedelta(seconds=wait)
                raise UpstreamRateLimited("Ticketmaster's rate limit is reached", retry_at)
            return wait if wait else self._backoff.delay(0)
        if status >= 500:
            return 0
        raise UpstreamError(f"Ticketmaster refused the request ({status}: {_error_code(response)})")


def _error_code(response: httpx.Response) -> str:
    """The DIS#### code of a Discovery error, never the body (a fault string may echo the key)."""
    found = re.search(rb'"code"\s*:\s*"(DIS\d{4})"', response.content)
    return found.group(1).decode() if found else "no error code"


__all__ = ["DEFAULT_BASE_URL", "HttpxTicketmasterGateway", "MalformedResponse"]
