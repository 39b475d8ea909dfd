"""Schemas in the document that say exactly what the code accepts, where Litestar's own say less
or more: the `tz` zones, integer bounds, decimals, list items' bounds, and bodies that refuse
unknown fields. (That no text may hold a NUL character is said in the API's description: a
`^[^\u0000]*$` pattern on every string made generating requests from the document slow.)"""

import zoneinfo
from collections.abc import Iterator
from typing import Any

import msgspec
from litestar import Litestar
from litestar.openapi.spec import (
    Components,
    OpenAPIType,
    Operation,
    Parameter,
    Reference,
    Schema,
)

TIME_ZONE = "TimeZone"
DECIMAL = r"^-?[0-9]+(\.[0-9]+)?$"
# An empty `tz` means the default zone.
_TZ = Schema(
    one_of=[
        Reference(f"#/components/schemas/{TIME_ZONE}"),
        Schema(type=OpenAPIType.STRING, max_length=0, description="the default zone"),
    ]
)


def time_zone_schema() -> Schema:
    return Schema(
        type=OpenAPIType.STRING,
        enum=sorted(zoneinfo.available_timezones()),
        description="an IANA time zone",
    )


def correct_schemas(app: Litestar, body_types: dict[str, type[Any]]) -> None:
    """`body_types`: each request body's component name and its Struct."""
    document = app.openapi_schema
    document.components = document.components or Components()
    components = document.components.schemas = dict(document.components.schemas or {})
    components[TIME_ZONE] = time_zone_schema()
    for operation in _operations(app):
        for parameter in operation.parameters or []:
            if isinstance(parameter, Parameter):
                _correct_parameter(parameter)
    for name, struct in body_types.items():
        schema = components.get(name)
        if isinstance(schema, Schema):
            _from_struct(schema, struct)
            if _forbids_unknown_fields(struct):
                schema.additional_properties = False
    for schema in components.values():
        if isinstance(schema, Schema):
            _exact_integer_bounds(schema)


def _operations(app: Litestar) -> Iterator[Operation]:
    for item in (app.openapi_schema.paths or {}).values():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = getattr(item, method, None)
            if isinstance(operation, Operation):
                yield operation


def _correct_parameter(parameter: Parameter) -> None:
    if parameter.name == "tz" and parameter.param_in == "query":
        parameter.schema = _TZ
    elif isinstance(parameter.schema, Schema):
        _exact_integer_bounds(parameter.schema)


def _exact_integer_bounds(schema: Schema) -> None:
    """Litestar writes an integer's bounds as floats, and 2**62 as 4.611686018427388e18, whose
    digits a client reads as a larger integer than the code accepts."""
    if schema.type == OpenAPIType.INTEGER:
        for bound in ("minimum", "maximum", "exclusive_minimum", "exclusive_maximum"):
            value = getattr(schema, bound)
            if isinstance(value, float) and value.is_integer():
                setattr(schema, bound, int(value))
    for child in (*(schema.properties or {}).values(), *(schema.one_of or [])):
        if isinstance(child, Schema):
            _exact_integer_bounds(child)


def _from_struct(schema: Schema, struct: type[Any]) -> None:
    """What Litestar leaves out of a body's fields: a list's item bounds, a decimal's digits."""
    info = msgspec.inspect.type_info(struct)
    for field in getattr(info, "fields", ()):
        prop = (schema.properties or {}).get(field.encode_name)
        if isinstance(prop, Schema):
            _constrain(prop, field.type)


def _constrain(schema: Schema, kind: msgspec.inspect.Type) -> None:
    if isinstance(kind, msgspec.inspect.Metadata):  # a description or examples around a type
        kind = kind.type
    if isinstance(kind, msgspec.inspect.UnionType):
        for member in kind.types:
            if not isinstance(member, msgspec.inspect.NoneType):
                for child in schema.one_of or [schema]:
                    if isinstance(child, Schema) and child.type != OpenAPIType.NULL:
                        _constrain(child, member)
    elif isinstance(kind, msgspec.inspect.DecimalType) and _is_text(schema):
        schema.pattern = DECIMAL
    elif isinstance(kind, msgspec.inspect.TupleType):
        _exact_tuple(schema, kind)
    elif isinstance(kind, msgspec.inspect.ListType) and isinstance(schema.items, Schema):
        item = kind.item_type
        if isinstance(item, msgspec.inspect.StrType):
            schema.items.min_length = item.min_length
            schema.items.max_length = item.max_length


def _exact_tuple(schema: Schema, kind: msgspec.inspect.TupleType) -> None:
    """A fixed-length array: its length, and its numbers' bounds, which Litestar leaves out."""
    schema.min_items = schema.max_items = len(kind.item_types)
    for child, item in zip(schema.prefix_items or [], kind.item_types, strict=False):
        if isinstance(item, msgspec.inspect.Metadata):
            item = item.type
        if isinstance(child, Schema) and isinstance(item, msgspec.inspect.FloatType):
            child.minimum, child.maximum = item.ge, item.le


def nested_structs(struct: type[Any]) -> list[type[Any]]:
    """The Struct types a body's fields hold, directly or inside a union or a list."""
    info = msgspec.inspect.type_info(struct)
    found: list[type[Any]] = []
    pending = [field.type for field in getattr(info, "fields", ())]
    while pending:
        kind = pending.pop()
        if isinstance(kind, msgspec.inspect.Metadata):
            pending.append(kind.type)
        elif isinstance(kind, msgspec.inspect.UnionType):
            pending.extend(kind.types)
        elif isinstance(kind, msgspec.inspect.ListType):
            pending.append(kind.item_type)
        elif isinstance(kind, msgspec.inspect.StructType) and kind.cls not in found:
            found.append(kind.cls)
    return found


def _is_text(schema: Schema) -> bool:
    kinds = schema.type if isinstance(schema.type, list | tuple) else [schema.type]
    return OpenAPIType.STRING in kinds


def _forbids_unknown_fields(struct: type[Any]) -> bool:
    config = getattr(struct, "__struct_config__", None)
    return isinstance(config, msgspec.structs.StructConfig) and config.forbid_unknown_fields
