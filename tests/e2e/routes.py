"""The app's own route table, so that tests over "every route" cover new routes unasked."""

import re
from dataclasses import dataclass
from uuid import uuid4

from litestar import Litestar
from litestar.routes import HTTPRoute

_PARAMETER = re.compile(r"\{(\w+):(\w+)\}")


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # the template, e.g. /events/{event_id:uuid}
    takes_json: bool

    def url(self, event_id: str) -> str:
        """The path with every parameter filled: an event's id where one fits, else any
        well-formed value (the checks under test come before any lookup)."""

        def fill(match: re.Match[str]) -> str:
            name, kind = match.groups()
            if kind == "int":
                return "1"
            return event_id if name == "event_id" else str(uuid4())

        return _PARAMETER.sub(fill, self.path)


def http_routes(app: Litestar) -> list[Route]:
    found = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            takes_json = "data" in handler.parsed_fn_signature.parameters
            found += [Route(method, route.path, takes_json) for method in handler.http_methods]
    return sorted(set(found), key=lambda r: (r.path, r.method))


def json_routes(app: Litestar) -> list[Route]:
    routes = [route for route in http_routes(app) if route.takes_json]
    assert routes, "the app has no JSON routes: the route table was not read right"
    return routes
