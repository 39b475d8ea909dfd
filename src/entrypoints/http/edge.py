"""What stands around Litestar's routing in both services, outermost first: security headers,
the request log line, body and header bounds, and CORS refusals as problems. Outside the
router, so that unknown paths (404), methods (405) and refused bodies (413) get them too."""

import re

from litestar import Litestar
from litestar.types import Scope

from boxoffice.entrypoints.http.cors import preflight_refusals_as_problems
from boxoffice.entrypoints.http.middleware import request_logging
from boxoffice.entrypoints.http.request_limits import Wider, bounded_requests
from boxoffice.entrypoints.http.security_headers import docs_asset_origins, security_headers
from boxoffice.entrypoints.http.uploads import MULTIPART_OVERHEAD_BYTES
from boxoffice.entrypoints.settings import Settings

UPLOAD_PATH = re.compile(r"/events/[^/]+/attachments/?")


def upload_bounds(settings: Settings) -> Wider:
    """Uploads take a file of up to the attachment limit (the reader holds it to exactly that),
    and the time a large file takes to send."""
    bounds = (
        settings.storage.attachment_max_bytes + MULTIPART_OVERHEAD_BYTES,
        settings.storage.attachment_upload_seconds,
    )

    def wider(scope: Scope) -> tuple[int, float] | None:
        is_upload = scope.get("method") == "POST" and UPLOAD_PATH.fullmatch(scope["path"])
        return bounds if is_upload else None

    return wider


def guard_the_edge(app: Litestar, settings: Settings) -> None:
    bounded = bounded_requests(
        preflight_refusals_as_problems(app.asgi_handler),
        settings.http.max_body_bytes,
        settings.http.body_read_timeout_seconds,
        upload_bounds(settings),
    )
    app.asgi_handler = security_headers(
        request_logging(bounded), settings, docs_asset_origins(app.openapi_config)
    )
