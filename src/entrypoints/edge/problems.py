"""Every error leaves as RFC 9457 application/problem+json; this table is the only mapping
from error classes to HTTP."""

import re
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap
from loguru import logger

from boxoffice.application.errors import (
    FileStorageUnavailable,
    NotAuthenticated,
    NotReady,
    PermissionDenied,
    ProviderSignInFailed,
    ProviderUnavailable,
    RateLimiterUnavailable,
    StorageUnavailable,
    TooManyRequests,
    ValueTaken,
)
from boxoffice.application.ports.ticketmaster import UpstreamError
from boxoffice.domain.errors import (
    AlreadyRegistered,
    CapacityBelowSeatsTaken,
    Conflict,
    DomainError,
    EventNotBookable,
    EventNotOpen,
    FileTooLarge,
    InvalidValue,
    NotEnoughSeats,
    NotFound,
    SignInRequired,
    UnsupportedFile,
)

PROBLEM_JSON = "application/problem+json"
# What a 503 (a dependency away, expected back soon) asks clients to wait before trying again.
RETRY_AFTER_SECONDS = 2
_NAMED_FIELD = re.compile(r"(?:missing required|contains unknown) field `([^`]+)`")

# Most specific first: the first class the error is an instance of wins.
PROBLEMS: tuple[tuple[type[DomainError], int, str, str], ...] = (
    (InvalidValue, 422, "invalid-value", "Invalid value"),
    (NotAuthenticated, 401, "not-authenticated", "Not authenticated"),
    (SignInRequired, 401, "sign-in-required", "Sign-in required"),
    (TooManyRequests, 429, "too-many-requests", "Too many requests"),
    (PermissionDenied, 403, "forbidden", "Forbidden"),
    (ProviderSignInFailed, 400, "sign-in-failed", "Sign-in failed"),
    (ProviderUnavailable, 503, "provider-unavailable", "Identity provider unavailable"),
    (RateLimiterUnavailable, 503, "rate-limiter-unavailable", "Service unavailable"),
    (StorageUnavailable, 503, "storage-unavailable", "Service unavailable"),
    (NotReady, 503, "storage-unavailable", "Service unavailable"),
    (FileStorageUnavailable, 503, "file-storage-unavailable", "Service unavailable"),
    (UnsupportedFile, 415, "unsupported-file", "Unsupported file"),
    (FileTooLarge, 413, "file-too-large", "File too large"),
    (NotFound, 404, "not-found", "Not found"),
    (NotEnoughSeats, 409, "not-enough-seats", "Not enough seats"),
    (EventNotBookable, 409, "event-not-bookable", "Event not sold here"),
    (EventNotOpen, 409, "event-not-open", "Event not open"),
    (AlreadyRegistered, 409, "already-registered", "Already registered"),
    (CapacityBelowSeatsTaken, 409, "capacity-below-seats-taken", "Capacity below seats taken"),
    (Conflict, 409, "conflict", "Conflict"),
    (UpstreamError, 503, "upstream-unavailable", "Ticketmaster unavailable"),
    (DomainError, 400, "bad-request", "Bad request"),
)


def problem(
    request: Request[Any, Any, Any],
    status: int,
    title: str,
    detail: str,
    kind: str | None = None,
    **extensions: Any,
) -> Response[dict[str, Any]]:
    body = {
        "type": f"/problems/{kind}" if kind else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extensions,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    if status == 503:
        headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def domain_error(request: Request[Any, Any, Any], error: DomainError) -> Response[dict[str, Any]]:
    for kind_of, status, slug, title in PROBLEMS:
        if isinstance(error, kind_of):
            extra: dict[str, Any] = {}
            if isinstance(error, InvalidValue):
                extra["errors"] = [{"field": error.field, "message": error.message}]
            if isinstance(error, ValueTaken):
                extra["errors"] = [{"field": error.field, "message": str(error)}]
            if isinstance(error, EventNotBookable):
                extra["url"] = error.url
            if isinstance(error, NotEnoughSeats):
                extra["seats_available"] = error.available
            response = problem(request, status, title, str(error), slug, **extra)
            if isinstance(error, TooManyRequests):
                response.headers["Retry-After"] = str(error.retry_after)
            return response
    raise error  # unreachable: DomainError is the last row


def validation_error(
    request: Request[Any, Any, Any], error: ValidationException
) -> Response[dict[str, Any]]:
    errors = [
        _field_error(request, item)
        for item in (error.extra if isinstance(error.extra, list) else [])
        if isinstance(item, dict)
    ]
    detail = errors[0]["message"] if len(errors) == 1 and errors[0]["message"] else error.detail
    return problem(request, 400, "Invalid request", str(detail), "invalid-request", errors=errors)


def _field_error(request: Request[Any, Any, Any], item: dict[str, Any]) -> dict[str, Any]:
    """One per-field error, naming the field as the caller sent it. Litestar names the whole
    body (`data`) for a missing or unknown field, and a query or header by the handler's
    Python parameter (`starts_from` for `from`)."""
    key, source, message = item.get("key"), item.get("source"), item.get("message")
    named = _NAMED_FIELD.search(str(message or ""))
    if named and key in (None, "data"):
        key = named.group(1)
    elif source in ("query", "header") and isinstance(key, str):
        key = _wire_name(request, key)
    if source == "body" and message == "'data'":  # Litestar's KeyError for an empty body
        message = "a JSON body is required"
    return {"field": key, "source": source, "message": message}


def _wire_name(request: Request[Any, Any, Any], parameter: str) -> str:
    """The name a parameter has on the wire, whether the handler or one of its dependencies
    (such as the event list's filter, whose `starts_from` is `from`) declares it."""
    handler = request.route_handler
    signatures = [handler.parsed_fn_signature] + [
        provide.parsed_fn_signature for provide in handler.resolve_dependencies().values()
    ]
    for signature in signatures:
        field = signature.parameters.get(parameter)
        name = getattr(getattr(field, "kwarg_definition", None), "name", None)
        if field is not None:
            return name if isinstance(name, str) and name else parameter
    return parameter


def http_error(request: Request[Any, Any, Any], error: HTTPException) -> Response[dict[str, Any]]:
    title = _reason(error.status_code)
    if error.status_code >= HTTP_500_INTERNAL_SERVER_ERROR:
        logger.opt(exception=error).error("{} on {} {}", title, request.method, request.url.path)
    response = problem(request, error.status_code, title, error.detail or title)
    response.headers.update(error.headers or {})
    return response


def unexpected_error(request: Request[Any, Any, Any], error: Exception) -> Response[dict[str, Any]]:
    logger.opt(exception=error).error("unhandled error on {} {}", request.method, request.url.path)
    status = HTTP_500_INTERNAL_SERVER_ERROR
    return problem(request, status, "Internal server error", "something went wrong on our side")


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: domain_error,
    ValidationException: validation_error,
    HTTPException: http_error,
    Exception: unexpected_error,
}
