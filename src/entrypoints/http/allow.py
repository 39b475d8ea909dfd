"""OPTIONS answers with every method of the path in `Allow`.

Litestar makes a path's OPTIONS handler when it registers the path's first handler, and that
handler keeps listing only the methods known then (`Allow: DELETE, OPTIONS` for an
/events/{event_id} that also has GET, PUT and PATCH). This hook rewrites the header from the
route as finally built."""

from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.routes import HTTPRoute
from litestar.types import Message, Scope


def allowed_methods(app: Any) -> dict[int, str]:
    """Each OPTIONS handler's `Allow`, keyed by the handler's identity."""
    allowed = {}
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            for handler in route.route_handlers:
                if handler.http_methods == {"OPTIONS"}:
                    allowed[id(handler)] = ", ".join(sorted(route.methods))
    return allowed


def correct_allow(allowed: dict[int, str]) -> Any:
    async def before_send(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start" or scope.get("method") != "OPTIONS":
            return
        methods = allowed.get(id(scope.get("route_handler")))
        if methods is not None:
            MutableScopeHeaders.from_message(message)["Allow"] = methods

    return before_send
