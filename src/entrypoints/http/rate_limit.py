"""Per-client request limits: 429 problem+json with Retry-After and RateLimit headers
(draft-ietf-httpapi-ratelimit-headers).

The limit is chosen by the route handler Litestar resolved, never by the raw path: any spelling
the router sends to the login handler (`//auth/login`, `/auth//login`, `/auth/login/`,
`/auth/%6Cogin`, ...) is that handler, and so is limited as it is. Handlers say which limit
they fall under with `opt={RATE_LIMIT: CREDENTIALS}` (or `EXEMPT`).
"""

import ipaddress
import json
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from litestar.enums import ScopeType
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Message,
    Receive,
    Scope,
    Send,
)
from loguru import logger

from boxoffice.application.errors import RateLimiterUnavailable
from boxoffice.application.ports.rate_limiter import RateDecision, RateLimiter
from boxoffice.entrypoints.edge.raw_headers import encoded, replace
from boxoffice.entrypoints.settings import Settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
RATE_LIMIT = "rate_limit"
CREDENTIALS = "credentials"  # password guesses, sign-ups, provider codes: one small allowance
EXEMPT = "exempt"  # probes and docs never count against the general limit
DOCS_PREFIX = "/schema"  # the OpenAPI controller's own handlers, which take no opt of ours
LIMITED_AS_CREDENTIALS: Mapping[str, str] = MappingProxyType({RATE_LIMIT: CREDENTIALS})
NOT_LIMITED: Mapping[str, str] = MappingProxyType({RATE_LIMIT: EXEMPT})


def client_ip(scope: Scope, trusted: tuple[Network, ...]) -> str:
    """The socket's peer; behind trusted proxies, the nearest X-Forwarded-For hop that is not
    one of them (hops further left are the client's own claims and can be forged)."""
    peer = scope.get("client")
    address = str(peer[0]) if peer else "unknown"
    if not trusted or not _is_trusted(address, trusted):
        return address
    forwarded = b",".join(v for k, v in scope["headers"] if k == b"x-forwarded-for").decode(
        "latin-1"
    )
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        if not _is_trusted(hop, trusted):
            return hop
        address = hop
    return address


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def limit_for(handler: Any, path_template: str, settings: Settings) -> tuple[str, int] | None:
    """The bucket and allowance a request to `handler` counts against, if any (also what the
    API document says is limited)."""
    kind = handler.opt.get(RATE_LIMIT) if handler is not None else None
    if kind == CREDENTIALS:
        return CREDENTIALS, settings.rate_limits.login
    if settings.rate_limits.api and kind != EXEMPT and not path_template.startswith(DOCS_PREFIX):
        return "api", settings.rate_limits.api
    return None


def rate_limiting(limiter: Callable[[], RateLimiter], settings: Settings) -> Callable[..., ASGIApp]:
    """Litestar middleware (`Litestar(middleware=[...])`): it runs after routing, around each
    route handler, so `scope["route_handler"]` is the handler the request will reach."""

    def rule(scope: Scope) -> tuple[str, int] | None:
        return limit_for(scope.get("route_handler"), str(scope.get("path_template", "")), settings)

    def wrap(app: ASGIApp) -> ASGIApp:
        return _limited(app, limiter, settings, rule)

    return wrap


def _limited(
    app: ASGIApp,
    limiter: Callable[[], RateLimiter],
    settings: Settings,
    rule: Callable[[Scope], tuple[str, int] | None],
) -> ASGIApp:
    trusted = settings.http.trusted_proxy_networks
    window = settings.rate_limits.window_seconds

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        limit = rule(scope) if scope["type"] == ScopeType.HTTP else None
        if limit is None:
            await app(scope, receive, send)
            return
        bucket, allowed = limit
        try:
            decision = await limiter().hit(f"{bucket}:{client_ip(scope, trusted)}", allowed, window)
        except RateLimiterUnavailable as e:  # fail open: an outage must not lock everyone out
            logger.error("rate limit not applied: {}", e)
            await app(scope, receive, send)
            return
        headers = _headers(decision, window)
        if not decision.allowed:
            await _too_many(scope, send, decision, headers)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                for name, value in encoded(headers):
                    replace(message, name, value)
            await send(message)

        await app(scope, receive, send_with_headers)

    return middleware


def _headers(decision: RateDecision, window: int) -> dict[str, str]:
    return {
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
        "RateLimit-Reset": str(decision.reset_after),
        "RateLimit-Policy": f"{decision.limit};w={window}",
    }


async def _too_many(
    scope: Scope, send: Send, decision: RateDecision, headers: dict[str, str]
) -> None:
    body: dict[str, Any] = {
        "type": "/problems/too-many-requests",
        "title": "Too many requests",
        "status": 429,
        "detail": f"at most {decision.limit} of these requests per window; "
        f"try again in {decision.reset_after} s",
        "instance": scope["path"],
    }
    encoded = json.dumps(body).encode()
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    raw += [
        (b"retry-after", str(decision.reset_after).encode()),
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(encoded)).encode()),
    ]
    start: HTTPResponseStartEvent = {"type": "http.response.start", "status": 429, "headers": raw}
    body_event: HTTPResponseBodyEvent = {
        "type": "http.response.body",
        "body": encoded,
        "more_body": False,
    }
    await send(start)
    await send(body_event)
