"""Cross-origin requests: off unless BOXOFFICE_CORS_ORIGINS names the front ends' origins."""

import json

from litestar.config.cors import CORSConfig
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

from boxoffice.entrypoints.edge.problems import PROBLEM_JSON
from boxoffice.entrypoints.settings import Settings

# What a front end sends: bearer tokens, JSON bodies, idempotent bookings, its own request id.
ALLOWED_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-ID"]
# What it may read back besides the CORS-safelisted headers.
EXPOSED_HEADERS = [
    "Location",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-Policy",
    "X-Request-ID",
    "WWW-Authenticate",
]
METHODS: list[str] = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def cors_config(settings: Settings) -> CORSConfig | None:
    origins = settings.http.cors_origin_list
    if not origins:
        return None
    return CORSConfig(
        allow_origins=list(origins),
        allow_methods=METHODS,  # type: ignore[arg-type]
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        # Tokens travel in the Authorization header, never in cookies: no credentials mode.
        allow_credentials=False,
        max_age=600,
    )


def preflight_refusals_as_problems(app: ASGIApp) -> ASGIApp:
    """Litestar refuses a preflight with a text/plain 400 ("Disallowed CORS Origin"); this
    answers it as every other 4xx is, in problem+json with that reason as the detail."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope["method"] != "OPTIONS":
            await app(scope, receive, send)
            return
        refusal: list[HTTPResponseStartEvent] = []

        async def send_as_problem(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 400:
                refusal.append(message)
            elif message["type"] == "http.response.body" and refusal:
                reason = bytes(message.get("body", b"")).decode("utf-8", "replace")
                await _send_problem(send, refusal[0], scope["path"], reason)
            else:
                await send(message)

        await app(scope, receive, send_as_problem)

    return middleware


async def _send_problem(send: Send, start: HTTPResponseStartEvent, path: str, reason: str) -> None:
    body = json.dumps(
        {
            "type": "/problems/cross-origin-refused",
            "title": "Cross-origin request refused",
            "status": 400,
            "detail": reason or "Disallowed CORS request",
            "instance": path,
        }
    ).encode()
    replaced = (b"content-type", b"content-length")
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in replaced]
    headers += [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", b"%d" % len(body))]
    problem_start: HTTPResponseStartEvent = {**start, "headers": headers}
    problem_body: HTTPResponseBodyEvent = {
        "type": "http.response.body",
        "body": body,
        "more_body": False,
    }
    await send(problem_start)
    await send(problem_body)
