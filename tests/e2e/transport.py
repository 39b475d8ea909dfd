"""httpx's in-process transport to the app, typed in one place."""

import httpx
from litestar import Litestar

HTTPX_DEFAULT_CLIENT = ("127.0.0.1", 123)


def asgi_transport(
    app: Litestar, client: tuple[str, int] = HTTPX_DEFAULT_CLIENT
) -> httpx.ASGITransport:
    """A transport that calls the app in the test's own event loop, as if from `client`."""
    # httpx types ASGI scopes and messages as plain mutable mappings, Litestar as TypedDicts of
    # each kind: the app takes what httpx sends, but the two signatures never match on paper.
    return httpx.ASGITransport(app=app, client=client)  # type: ignore[arg-type]
