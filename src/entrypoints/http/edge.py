"""What stands around Litestar's routing in both services, outermost first: security headers,
the request log line, body and header bounds, and CORS refusals as problems. Outside the
router, so that unknown paths (404), methods (405) and refused bodies (413) get them too."""

from litestar import Litestar

from entrypoints.http.cors import preflight_refusals_as_problems
from entrypoints.http.middleware import request_logging
from entrypoints.http.request_limits import bounded_requests
from entrypoints.http.security_headers import docs_asset_origins, security_headers
from entrypoints.settings import Settings


def guard_the_edge(app: Litestar, settings: Settings) -> None:
    bounded = bounded_requests(
        preflight_refusals_as_problems(app.asgi_handler),
        settings.max_body_bytes,
        settings.body_read_timeout_seconds,
    )
    app.asgi_handler = security_headers(
        request_logging(bounded), settings, docs_asset_origins(app.openapi_config)
    )
