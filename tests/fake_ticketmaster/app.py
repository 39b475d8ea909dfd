"""A local fake of the Discovery API v2: event search with paging and the deep-paging limit,
events by id, and faults on demand (401, 429, 5xx, slow or truncated answers).

Faults are queued with `POST /_fake/faults` ({"faults": [{"status": 503}, {"status": 429,
"retry_after": 1}, {"delay": 2}, {"truncate": true}]}); each API request takes the next one.
`GET /_fake/requests` lists the query parameters received (the key left out).
"""

import asyncio
import re
from collections import deque
from datetime import UTC, datetime
from typing import Any

import msgspec
from litestar import Litestar, Request, Response, delete, get, post

JSON = "application/json;charset=utf-8"
_API_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
TOO_DEEP = "API Limits Exceeded: Max paging depth exceeded. (page * size) must be less than 1,000"
INVALID_KEY = {
    "fault": {"faultstring": "Invalid ApiKey", "detail": {"errorcode": "oauth.v2.InvalidApiKey"}}
}
SPIKE = {
    "fault": {
        "faultstring": "Spike arrest violation",
        "detail": {"errorcode": "policies.ratelimit.SpikeArrestViolation"},
    }
}


class Fault(msgspec.Struct, forbid_unknown_fields=True):
    status: int = 200
    retry_after: float | None = None
    delay: float = 0.0
    truncate: bool = False


class Faults(msgspec.Struct, forbid_unknown_fields=True):
    faults: list[Fault]


def _error(status: int, code: str, detail: str) -> Response[bytes]:
    body = {
        "errors": [
            {
                "code": code,
                "detail": detail,
                "status": str(status),
                "_links": {"about": {"href": f"/discovery/v2/errors.html#{code}"}},
            }
        ]
    }
    return Response(msgspec.json.encode(body), status_code=status, media_type=JSON)


def _start(event: dict[str, Any]) -> datetime | None:
    start = event.get("dates", {}).get("start", {})
    if start.get("dateTime"):
        return datetime.fromisoformat(start["dateTime"])
    if start.get("localDate"):
        return datetime.fromisoformat(start["localDate"]).replace(tzinfo=UTC)
    return None


def _matches(
    event: dict[str, Any], query: dict[str, str], window: tuple[datetime, datetime]
) -> bool:
    venue = (event.get("_embedded", {}).get("venues") or [{}])[0]
    if (
        query.get("countryCode")
        and venue.get("country", {}).get("countryCode", "").upper() != query["countryCode"].upper()
    ):
        return False
    if (
        query.get("city")
        and venue.get("city", {}).get("name", "").strip().lower() != query["city"].strip().lower()
    ):
        return False
    if (
        query.get("keyword")
        and query["keyword"].lower() not in event.get("name", "").lower().split()
    ):
        return False
    start = _start(event)
    return start is not None and window[0] <= start <= window[1]


def create_fake_api(events: list[dict[str, Any]], api_key: str | None = None) -> Litestar:
    by_id = {e["id"]: e for e in events}
    faults: deque[Fault] = deque()
    requests: list[dict[str, str]] = []

    async def gatekeeper(request: Request[Any, Any, Any]) -> Response[bytes] | None:
        params = {k: v for k, v in request.query_params.items() if k != "apikey"}
        requests.append({"path": request.url.path, **params})
        fault = faults.popleft() if faults else Fault()
        if fault.delay:
            await asyncio.sleep(fault.delay)
        key = request.query_params.get("apikey")
        if not key or (api_key is not None and key != api_key) or fault.status == 401:
            return Response(msgspec.json.encode(INVALID_KEY), status_code=401, media_type=JSON)
        if fault.status == 429:
            headers = {} if fault.retry_after is None else {"Retry-After": f"{fault.retry_after:g}"}
            return Response(
                msgspec.json.encode(SPIKE), status_code=429, media_type=JSON, headers=headers
            )
        if fault.status >= 500:
            return Response(
                b"<html>upstream error</html>", status_code=fault.status, media_type="text/html"
            )
        request.state.truncate = fault.truncate
        return None

    def answer(request: Request[Any, Any, Any], body: dict[str, Any]) -> Response[bytes]:
        encoded = msgspec.json.encode(body)
        if request.state.truncate:
            encoded = encoded[: len(encoded) // 2]
        return Response(encoded, media_type=JSON)

    @get(["/discovery/v2/events", "/discovery/v2/events.json"], before_request=gatekeeper)
    async def search(request: Request[Any, Any, Any]) -> Response[bytes]:
        query = dict(request.query_params.items())
        for name in ("startDateTime", "endDateTime"):
            if name in query and not _API_TIME.match(query[name]):
                return _error(
                    400,
                    "DIS1015",
                    "Query param with date must be of valid format YYYY-MM-DDTHH:mm:ssZ",
                )
        size, page = int(query.get("size", 20)), int(query.get("page", 0))
        if size > 200:
            return _error(400, "DIS1036", "Size must be less than 200")
        if size * page >= 1000:
            return _error(400, "DIS1035", TOO_DEEP)
        low = datetime.fromisoformat(query.get("startDateTime", "0001-01-01T00:00:00+00:00"))
        high = datetime.fromisoformat(query.get("endDateTime", "9999-12-31T00:00:00+00:00"))
        found = [e for e in by_id.values() if _matches(e, query, (low, high))]
        found.sort(key=lambda e: e["id"] if query.get("sort") == "id,asc" else (_start(e), e["id"]))
        chunk = found[page * size : (page + 1) * size]
        body: dict[str, Any] = {
            "_links": {"self": {"href": f"/discovery/v2/events?page={page}&size={size}"}},
            "page": {
                "size": size,
                "totalElements": len(found),
                "totalPages": -(-len(found) // size),
                "number": page,
            },
        }
        if chunk:
            body["_embedded"] = {"events": chunk}
        return answer(request, body)

    @get("/discovery/v2/events/{event_id:str}", before_request=gatekeeper)
    async def by_id_handler(request: Request[Any, Any, Any], event_id: str) -> Response[bytes]:
        event = by_id.get(event_id.removesuffix(".json"))
        if event is None:
            return _error(
                404,
                "DIS1004",
                f"Resource not found with provided criteria (locale=en-us, id={event_id})",
            )
        return answer(request, event)

    @post("/_fake/faults", status_code=204)
    async def queue_faults(data: Faults) -> None:
        faults.extend(data.faults)

    @get("/_fake/requests")
    async def received() -> list[dict[str, str]]:
        return requests

    @delete("/_fake/requests")
    async def reset() -> None:
        requests.clear()
        faults.clear()

    return Litestar([search, by_id_handler, queue_faults, received, reset], logging_config=None)
