"""The "near me" query parameters of /events: `near=<lat>,<lon>`, `radius_km`, `sort`."""

import math
import re
from dataclasses import replace
from typing import Annotated

from litestar.di import NamedDependency
from litestar.exceptions import ValidationException
from litestar.params import QueryParameter

from boxoffice.application.models.queries import EventFilter, EventOrder
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.geo import DEFAULT_RADIUS_KM, MAX_RADIUS_KM, Circle, Coordinates

# The document's pattern says what is accepted, bounds included: -90..90, then -180..180.
_FRACTION = r"(?:\.[0-9]{1,15})?"
_LATITUDE = rf"[+-]?(?:90(?:\.0{{1,15}})?|[1-8]?[0-9]{_FRACTION})"
_LONGITUDE = rf"[+-]?(?:180(?:\.0{{1,15}})?|(?:1[0-7][0-9]|[1-9]?[0-9]){_FRACTION})"
_NEAR_PATTERN = rf"^{_LATITUDE} *, *{_LONGITUDE}$"
_NEAR = re.compile(_NEAR_PATTERN)
Near = Annotated[
    str | None,
    QueryParameter(
        max_length=60,
        description="only events within `radius_km` of this point: `latitude,longitude` in "
        "decimal degrees (this order, as maps write it), e.g. `18.5204,73.8567`",
        schema_extra={"pattern": _NEAR_PATTERN},
    ),
]
RadiusKm = Annotated[
    float | None,
    QueryParameter(
        gt=0,
        le=MAX_RADIUS_KM,
        schema_extra={"exclusiveMinimum": 0},  # Litestar drops a `gt` of 0
        description=f"with `near`: the great-circle radius in km (default {DEFAULT_RADIUS_KM:g})",
    ),
]
Sort = Annotated[
    EventOrder | None,
    QueryParameter(
        description="`start_time` (soonest first, the default) or, with `near`, "
        "`distance` (nearest first)"
    ),
]


async def events_query(
    event_filter: NamedDependency[EventFilter],
    near: Near = None,
    radius_km: RadiusKm = None,
    sort: Sort = None,
) -> EventFilter:
    """The shared event filter, narrowed to a circle around `near` when one is given."""
    if near is None:
        # Rules between parameters, which no schema states: 422, as for a body's.
        if radius_km is not None:
            raise InvalidValue("radius_km", "needs near=<latitude>,<longitude>")
        if sort is EventOrder.DISTANCE:
            raise InvalidValue("sort", "sort=distance needs near=<latitude>,<longitude>")
        return event_filter
    circle = _circle(near, DEFAULT_RADIUS_KM if radius_km is None else radius_km)
    return replace(event_filter, near=circle, order=sort or EventOrder.START_TIME)


def _circle(near: str, radius_km: float) -> Circle:
    if not _NEAR.fullmatch(near):
        raise _invalid("near", "must be <latitude>,<longitude> in decimal degrees")
    latitude, longitude = (float(part) for part in near.split(","))
    try:
        center = Coordinates(longitude, latitude)
    except InvalidValue as e:
        raise _invalid("near", f"its {e.field} {e.message}") from None
    if not math.isfinite(radius_km) or not 0 < radius_km <= MAX_RADIUS_KM:
        raise _invalid("radius_km", f"must be above 0 and at most {MAX_RADIUS_KM:g}")
    return Circle(center, radius_km)


def _invalid(name: str, message: str) -> ValidationException:
    error = {"key": name, "source": "query", "message": message}
    return ValidationException(f"{name} {message}", extra=[error])
