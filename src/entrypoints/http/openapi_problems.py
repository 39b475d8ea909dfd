"""Every status an operation really answers, documented in one place.

Litestar documents the success and a 400 of its own shape. The errors we answer come from
shared machinery (request validation, the error table in problems.py, the rate limiter,
outages), so the rules that add them read what each operation has: a body, parameters,
a bearer token, path parameters, a rate limit. The few answers that only a use case knows
(409 conflicts, a second success status) are listed per operation below."""

from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import (
    Components,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    Schema,
)
from litestar.routes import HTTPRoute

from boxoffice.entrypoints.edge.problems import PROBLEM_JSON
from boxoffice.entrypoints.http.rate_limit import limit_for
from boxoffice.entrypoints.settings import Settings

PROBLEM = "Problem"
_TEXT = Schema(type=OpenAPIType.STRING)
_OPTIONAL_TEXT = Schema(one_of=[_TEXT, Schema(type=OpenAPIType.NULL)])
PROBLEM_SCHEMA = Schema(
    type=OpenAPIType.OBJECT,
    description="RFC 9457 problem details, with per-field `errors` for refused input",
    required=["type", "title", "status", "detail"],
    properties={
        "type": Schema(type=OpenAPIType.STRING, description="`/problems/<kind>` or about:blank"),
        "title": _TEXT,
        "status": Schema(type=OpenAPIType.INTEGER, minimum=400, maximum=599),
        "detail": _TEXT,
        "instance": Schema(type=OpenAPIType.STRING, description="the request's path"),
        "errors": Schema(
            type=OpenAPIType.ARRAY,
            items=Schema(
                type=OpenAPIType.OBJECT,
                required=["field", "message"],
                properties={"field": _OPTIONAL_TEXT, "source": _OPTIONAL_TEXT, "message": _TEXT},
            ),
        ),
        "seats_available": Schema(
            type=OpenAPIType.INTEGER, minimum=0, description="with not-enough-seats"
        ),
        "url": Schema(
            type=OpenAPIType.STRING, description="with event-not-bookable: where it is sold"
        ),
    },
)
_WHY = {
    400: "a parameter or the body does not decode (invalid-request, with per-field `errors`)",
    401: "no bearer token, or one that proves nobody (not-authenticated)",
    403: "the caller may not do this (forbidden)",
    404: "what the path (or the body) names does not exist (not-found)",
    409: "a conflict with the current state",
    413: "the body is larger than allowed",
    415: "the body is not application/json",
    422: "well-formed but not acceptable (invalid-value, with per-field `errors`)",
    429: "too many requests from this client; try again after Retry-After seconds",
    503: "a service this needs does not answer; try again later",
}
_RETRY_AFTER = {
    "Retry-After": OpenAPIHeader(schema=Schema(type=OpenAPIType.INTEGER), description="seconds")
}
# What only the use cases know, by (method, path): conflicts and a second success status.
CONFLICTS = {
    ("POST", "/bookings"): "not-enough-seats, event-not-open, event-not-bookable, conflict",
    ("POST", "/bookings/{booking_id}/cancel"): "event-not-open: the event has started",
    ("DELETE", "/events/{event_id}"): "conflict",
    ("POST", "/events/{event_id}/register"): "already-registered, not-enough-seats",
    ("PUT", "/events/{event_id}"): "capacity-below-seats-taken, conflict",
    ("PATCH", "/events/{event_id}"): "capacity-below-seats-taken, conflict",
    ("POST", "/auth/register"): "conflict: the username or e-mail is taken",
    ("POST", "/users"): "conflict: the username or e-mail is taken",
}
ALSO_SUCCEEDS = {
    ("DELETE", "/events/{event_id}"): (204, "deleted: it had no bookings or registrations"),
    ("POST", "/events/{event_id}/save"): (200, "already saved"),
    ("POST", "/events/{event_id}/subscribe"): (200, "already subscribed"),
}
NOT_FOUND_IN_BODY = {("POST", "/bookings")}
# Operations that take no token yet answer 401: a refused password.
REFUSES_CREDENTIALS = {("POST", "/auth/login")}
# Limited by their use case (per client and per event), not at the edge.
LIMITED_BY_USE_CASE = {("POST", "/events/{event_id}/register")}


def document_problems(app: Litestar, settings: Settings) -> None:
    document = app.openapi_schema
    document.components = document.components or Components()
    document.components.schemas = {**(document.components.schemas or {}), PROBLEM: PROBLEM_SCHEMA}
    for method, path, handler in operations(app):
        item = (document.paths or {}).get(path)
        operation = getattr(item, method.lower(), None) if item else None
        if isinstance(operation, Operation):
            _document_operation(operation, method, path, handler, settings)


def operations(app: Litestar) -> Iterator[tuple[str, str, HTTPRouteHandler]]:
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            for handler in route.route_handlers:
                for method in handler.http_methods - {"OPTIONS"}:
                    yield method, route.path_format, handler


def _document_operation(
    operation: Operation, method: str, path: str, handler: HTTPRouteHandler, settings: Settings
) -> None:
    responses = operation.responses = operation.responses or {}
    for status in sorted(_statuses(operation, method, path, handler, settings)):
        description = CONFLICTS.get((method, path), _WHY[status]) if status == 409 else _WHY[status]
        headers = _RETRY_AFTER if status == 429 else None
        responses[str(status)] = _problem(status, description, headers)
    extra = ALSO_SUCCEEDS.get((method, path))
    if extra is not None:
        status, description = extra
        documented = next(iter(responses.values()))
        content = getattr(documented, "content", None) if status != 204 else None
        responses[str(status)] = OpenAPIResponse(description=description, content=content)


def _statuses(
    operation: Operation, method: str, path: str, handler: HTTPRouteHandler, settings: Settings
) -> set[int]:
    takes = set(handler.parsed_fn_signature.parameters)
    statuses = {503} if path != "/health" else set()
    if operation.parameters or operation.request_body:
        statuses |= {400, 422}
    if operation.request_body:
        statuses |= {413, 415}
    signed_in_or_not = {"viewer", "browsing", "viewing"} & takes
    if operation.security or signed_in_or_not or (method, path) in REFUSES_CREDENTIALS:
        statuses.add(401)
    if operation.security:
        statuses.add(403)
    if "{" in path or (method, path) in NOT_FOUND_IN_BODY:
        statuses.add(404)
    if (method, path) in CONFLICTS:
        statuses.add(409)
    limited_here = (method, path) in LIMITED_BY_USE_CASE
    if limited_here or limit_for(handler, path, settings) is not None:
        statuses.add(429)
    return statuses


def _problem(
    status: int, description: str, headers: dict[str, Any] | None = None
) -> OpenAPIResponse:
    return OpenAPIResponse(
        description=f"{HTTPStatus(status).phrase}: {description}",
        content={
            PROBLEM_JSON: OpenAPIMediaType(schema=Reference(f"#/components/schemas/{PROBLEM}"))
        },
        headers=headers,
    )
