"""The "near" filter in SQL, the same on PostgreSQL and SQLite: no PostGIS, no extension.

An index-friendly bounding box first (a latitude range, and one or two longitude ranges),
then the exact great-circle test on what is left, so paging and totals count only events
truly within the radius. The exact test compares the haversine of the central angle (see
domain.geo) and needs only sin and cos; the same expression orders by distance.

Every value is a bind parameter, so a list's statement is built once per shape (see
event_filters) and reused for any centre and radius.
"""

import math
from typing import Any

from sqlalchemy import ColumnElement, Float, and_, bindparam, func, or_

from boxoffice.adapters.sqlalchemy.tables import events
from boxoffice.application.models.queries import EventFilter
from boxoffice.domain.geo import Circle

_RADIANS = math.pi / 180
Params = dict[str, Any]


def _value(name: str) -> Any:
    return bindparam(name, type_=Float())


def haversine() -> ColumnElement[float]:
    """What domain.geo.haversine computes, from the `near` centre to each event."""
    # Halved by multiplying: dividing a float column by 2 would compare it as NUMERIC.
    half_dlat = func.sin((events.c.latitude * _RADIANS - _value("near_lat_rad")) * 0.5)
    half_dlon = func.sin((events.c.longitude - _value("near_lon")) * _RADIANS * 0.5)
    across = _value("near_cos_lat") * func.cos(events.c.latitude * _RADIANS)
    expression: ColumnElement[float] = half_dlat * half_dlat + across * half_dlon * half_dlon
    return expression


def within() -> ColumnElement[bool]:
    """The box's latitudes and the exact distance (the longitudes are near_one/near_two)."""
    return and_(
        events.c.latitude.between(_value("near_south"), _value("near_north")),
        haversine() <= _value("near_max"),
    )


def one_longitude_range() -> ColumnElement[bool]:
    return events.c.longitude.between(_value("near_west"), _value("near_east"))


def two_longitude_ranges() -> ColumnElement[bool]:
    """A box across the antimeridian: west..180 or -180..east."""
    return or_(
        events.c.longitude.between(_value("near_west"), _value("near_west_end")),
        events.c.longitude.between(_value("near_east_start"), _value("near_east")),
    )


def _circle(query: EventFilter) -> Circle | None:
    return query.near


def near_params(query: EventFilter, _: object) -> Params | None:
    circle = _circle(query)
    if circle is None:
        return None
    box = circle.bounding_box()
    lat0 = circle.center.latitude * _RADIANS
    return {
        "near_lat_rad": lat0,
        "near_cos_lat": math.cos(lat0),
        "near_lon": circle.center.longitude,
        "near_south": box.south,
        "near_north": box.north,
        "near_max": circle.max_haversine,
    }


def one_range_params(query: EventFilter, _: object) -> Params | None:
    circle = _circle(query)
    if circle is None:
        return None
    ranges = circle.bounding_box().longitudes
    if len(ranges) != 1 or ranges[0] == (-180.0, 180.0):
        return None
    ((west, east),) = ranges
    return {"near_west": west, "near_east": east}


def two_range_params(query: EventFilter, _: object) -> Params | None:
    circle = _circle(query)
    if circle is None:
        return None
    ranges = circle.bounding_box().longitudes
    if len(ranges) != 2:
        return None
    (west, west_end), (east_start, east) = ranges
    return {
        "near_west": west,
        "near_west_end": west_end,
        "near_east_start": east_start,
        "near_east": east,
    }
