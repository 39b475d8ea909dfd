"""Integer and boolean query parameters take exactly what the API document says.

Litestar converts query strings with msgspec's lax mode, which reads `page=1.0` or `1e0` as
1 and `unread=1` as true. Each handler's (and its dependencies') declared types say which
parameters are integers or booleans; their raw values must be plain decimal digits and
`true`/`false`.
"""

import re
from functools import cache
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

from litestar import Request
from litestar.exceptions import ValidationException
from litestar.handlers import BaseRouteHandler

_FORMS = {
    int: (re.compile(r"-?[0-9]+"), "must be a whole number in decimal digits"),
    bool: (re.compile(r"true|false"), "must be true or false"),
}


def refuse_loose_query_values(request: Request[Any, Any, Any]) -> None:
    kinds = _query_kinds(request.route_handler)
    errors = []
    for key, value in request.query_params.multi_items():
        kind = kinds.get(key)
        if kind is not None and not _FORMS[kind][0].fullmatch(value):
            errors.append({"key": key, "source": "query", "message": _FORMS[kind][1]})
    if errors:
        raise ValidationException(f"{errors[0]['key']} {errors[0]['message']}", extra=errors)


@cache
def _query_kinds(handler: BaseRouteHandler) -> dict[str, type]:
    """Wire name -> int or bool, for every such parameter of the handler and its dependencies."""
    signatures = [handler.parsed_fn_signature] + [
        provide.parsed_fn_signature for provide in handler.resolve_dependencies().values()
    ]
    kinds: dict[str, type] = {}
    for signature in signatures:
        for name, field in signature.parameters.items():
            kind = _scalar(field.annotation)
            if kind is not None:
                kinds[getattr(field.kwarg_definition, "name", None) or name] = kind
    return kinds


def _scalar(annotation: Any) -> type | None:
    members = [annotation]
    if get_origin(annotation) in (Union, UnionType):
        members = [a for a in get_args(annotation) if a is not NoneType]
    if members in ([bool], [int]):
        return members[0]  # type: ignore[no-any-return]
    return None
