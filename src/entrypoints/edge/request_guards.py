"""What every request is checked for before its handler runs."""

from typing import Any

from litestar import Request, Response
from litestar.exceptions import ValidationException
from litestar.status_codes import HTTP_204_NO_CONTENT

from boxoffice.entrypoints.edge.nul_guard import refuse_nul_characters
from boxoffice.entrypoints.edge.query_types import refuse_loose_query_values


async def guard_request(request: Request[Any, Any, Any]) -> Response[None] | None:
    if request.method == "OPTIONS":
        return allowed_methods(request)
    await refuse_nul_characters(request)
    if request.scope["query_string"]:  # without a query there is nothing more to look at
        refuse_repeated_query_parameters(request)
        refuse_loose_query_values(request)
    return None


def refuse_repeated_query_parameters(request: Request[Any, Any, Any]) -> None:
    """Every query parameter of ours takes one value: `page=1&page=2` is a question without
    one answer, which Litestar would settle silently by taking the last."""
    keys = [key for key, _ in request.query_params.multi_items()]
    errors = [
        {"key": key, "source": "query", "message": "must be given at most once"}
        for key in dict.fromkeys(keys)
        if keys.count(key) > 1
    ]
    if errors:
        raise ValidationException("a query parameter is repeated", extra=errors)


def allowed_methods(request: Request[Any, Any, Any]) -> Response[None]:
    """Litestar's own OPTIONS answer lists the methods of the first registration of a path
    only (its handler keeps the first route object, which later registrations replace): the
    app's route map has them all."""
    routes = request.app.route_handler_method_map
    methods = {"OPTIONS"}.union(*(routes.get(path, {}) for path in request.route_handler.paths))
    allow = ", ".join(sorted(methods))
    return Response(None, status_code=HTTP_204_NO_CONTENT, headers={"Allow": allow})
