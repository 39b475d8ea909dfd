from typing import Any

from litestar import Response, get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy.engine import ping
from entrypoints.http.problems import PROBLEM_JSON
from entrypoints.http.rate_limit import NOT_LIMITED


@get("/health", tags=["health"], summary="The process is alive", opt=NOT_LIMITED)
async def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/ready", tags=["health"], summary="The database answers", opt=NOT_LIMITED)
async def ready(engine: NamedDependency[AsyncEngine]) -> Response[dict[str, Any]]:
    try:
        await ping(engine)
    except Exception as e:
        body = {
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": f"the database does not answer ({type(e).__name__})",
        }
        return Response(body, status_code=503, media_type=PROBLEM_JSON)
    return Response({"status": "ready"})
