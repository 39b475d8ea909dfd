"""What stands around Litestar's routing in both services, outermost first: security headers,
the request log line, body and header bounds, a service's own layer (the event service's shared
anonymous answers), and CORS refusals as problems. Outside the router, so that unknown paths
(404), methods (405) and refused bodies (413) get them too."""

from collections.abc import Callable

from litestar import Litestar
from litestar.types import ASGIApp

from boxoffice.entrypoints.edge.cors import preflight_refusals_as_problems
from boxoffice.entrypoints.edge.middleware import request_logging
from boxoffice.entrypoints.edge.request_limits import Wider, bounded_requests
from boxoffice.entrypoints.edge.security_headers import docs_asset_origins, security_headers
from boxoffice.entrypoints.settings import Settings


def guard_the_edge(
    app: Litestar,
    settings: Settings,
    wider: Wider = lambda _: None,
    inside: Callable[[ASGIApp], ASGIApp] = lambda handler: handler,
) -> None:
    """`wider`: the bounds of the routes that take more than the body limit (a service's
    uploads), None for every other request; `inside`: a service's own layer, within the
    bounds and just outside the router."""
    bounded = bounded_requests(
        inside(preflight_refusals_as_problems(app.asgi_handler)),
        settings.http.max_body_bytes,
        settings.http.body_read_timeout_seconds,
        wider,
    )
    app.asgi_handler = security_headers(
        request_logging(bounded), settings, docs_asset_origins(app.openapi_config)
    )
