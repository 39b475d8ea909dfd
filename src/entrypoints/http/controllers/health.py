from typing import Any

from litestar import Request, Response, get
from litestar.di import NamedDependency

from boxoffice.application.errors import StorageUnavailable
from boxoffice.application.ports.database_probe import DatabaseProbe
from boxoffice.entrypoints.edge.problems import problem
from boxoffice.entrypoints.http.rate_limit import NOT_LIMITED


@get("/health", tags=["health"], summary="The process is alive", opt=NOT_LIMITED)
async def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/ready", tags=["health"], summary="The database answers", opt=NOT_LIMITED)
async def ready(
    request: Request[Any, Any, Any], database: NamedDependency[DatabaseProbe]
) -> Response[dict[str, Any]]:
    try:
        await database.ping()
    except StorageUnavailable:  # an answer, not an error: saying so is this route's job
        detail = "the database does not answer"
        return problem(request, 503, "Service unavailable", detail, "storage-unavailable")
    return Response({"status": "ready"})
