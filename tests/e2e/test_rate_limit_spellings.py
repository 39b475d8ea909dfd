"""A credential route's limit cannot be dodged by spelling its path another way: each spelling
either reaches the same handler and shares its allowance, or reaches no handler at all (404).

Requests go to the app as raw ASGI scopes, as a server hands them over (`path` percent-decoded,
`raw_path` as sent): an HTTP client library would tidy most of these spellings away first.
"""

import dataclasses
import json
from itertools import count
from typing import Any
from urllib.parse import unquote

import pytest
from litestar import Litestar

from boxoffice.entrypoints.settings import Settings

ALLOWANCE = 5
# Spellings the router sends to the login handler, as a client may send them.
ROUTED_TO_LOGIN = [
    "/auth/login",
    "//auth/login",
    "/auth//login",
    "///auth///login//",
    "/auth/login/",
    "/auth/login%2F",
    "/auth/%6Cogin",
    "/%61uth/login",
    "/auth/login?x",
    "/auth/login?login=admin&x=1",
]
# Spellings that reach no handler: never a password check, so nothing to guess with.
ROUTED_NOWHERE = [
    "/auth/./login",
    "/auth/../auth/login",
    "/auth/login/.",
    "/AUTH/LOGIN",
    "/auth/Login",
    "/auth/login;x",
    "/auth/login%3Bx",
    "/auth/login%20",
    "/auth/login.json",
    "/auth/login%00",
]
_client_numbers = count(1)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return dataclasses.replace(
        settings,
        rate_limits=dataclasses.replace(settings.rate_limits, login=ALLOWANCE, window_seconds=3600),
    )


def a_client() -> str:
    """A fresh documentation address per use, so no two cases share an allowance."""
    number = next(_client_numbers)
    return f"198.51.{number // 250}.{number % 250 + 1}"


async def post(app: Litestar, target: str, client: str, body: dict[str, Any]) -> int:
    """POST `target` (path and query, as on the request line) from `client`; the status."""
    raw_path, _, query = target.partition("?")
    encoded = json.dumps(body).encode()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": unquote(raw_path),
        "raw_path": raw_path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(encoded)).encode()),
        ],
        "client": (client, 40000),
        "server": ("testserver", 80),
    }
    messages = [{"type": "http.request", "body": encoded, "more_body": False}]
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    # Litestar types ASGI scopes and messages as TypedDicts of each kind; these are plain dicts.
    await app(scope, receive, send)  # type: ignore[arg-type]
    return statuses[0]


async def log_in(app: Litestar, target: str, client: str) -> int:
    return await post(app, target, client, {"login": "nobody", "password": "wrong"})


@pytest.mark.parametrize("target", ROUTED_TO_LOGIN)
async def test_every_spelling_that_reaches_login_is_limited_like_login(
    app: Litestar, target: str
) -> None:
    client = a_client()

    answers = [await log_in(app, target, client) for _ in range(ALLOWANCE + 1)]

    assert answers == [401] * ALLOWANCE + [429]


@pytest.mark.parametrize("target", ROUTED_TO_LOGIN)
async def test_every_spelling_of_login_shares_one_allowance(app: Litestar, target: str) -> None:
    client = a_client()
    for _ in range(ALLOWANCE):
        assert await log_in(app, "/auth/login", client) == 401

    assert await log_in(app, target, client) == 429


@pytest.mark.parametrize("target", ROUTED_NOWHERE)
async def test_a_spelling_that_reaches_no_handler_never_checks_a_password(
    app: Litestar, target: str
) -> None:
    client = a_client()

    answers = {await log_in(app, target, client) for _ in range(ALLOWANCE + 1)}

    assert answers <= {400, 404}, answers


@pytest.mark.parametrize("target", ["//auth/register", "/auth//register/", "/auth/%72egister"])
async def test_sign_ups_spelled_another_way_share_the_credentials_allowance(
    app: Litestar, target: str
) -> None:
    client = a_client()
    for _ in range(ALLOWANCE):
        await log_in(app, "/auth/login", client)

    assert await post(app, target, client, {}) == 429
