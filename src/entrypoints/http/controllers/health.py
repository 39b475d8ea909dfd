from typing import Any

from litestar import Response, get
from litestar.di import NamedDependency

from boxoffice.application.use_cases.check_readiness import CheckReadiness
from boxoffice.entrypoints.http.rate_limit import NOT_LIMITED


@get("/health", tags=["health"], summary="The process is alive", opt=NOT_LIMITED)
async def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/ready", tags=["health"], summary="The database answers", opt=NOT_LIMITED)
async def ready(check_readiness: NamedDependency[CheckReadiness]) -> Response[dict[str, Any]]:
    await check_readiness.execute()  # NotReady: the problem table's 503
    return Response({"status": "ready"})
