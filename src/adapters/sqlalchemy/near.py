"""The "near" filter in SQL, the same on PostgreSQL and SQLite: no PostGIS, no extension.

An index-friendly bounding box first (a latitude range, and one or two longitude ranges),
then the exact great-circle test on what is left, so paging and totals count only events
truly within the radius. The exact test compares the haversine of the central angle (see
domain.geo) and needs only sin and cos; the same expression orders by distance.
"""

import math

from sqlalchemy import ColumnElement, and_, func, or_

from adapters.sqlalchemy.tables import events
from domain.geo import Circle, Coordinates

_RADIANS = math.pi / 180


def haversine_from(center: Coordinates) -> ColumnElement[float]:
    """What domain.geo.haversine computes, from `center` to each event's coordinates."""
    lat0 = center.latitude * _RADIANS
    # Halved by multiplying: dividing a float column by 2 would compare it as NUMERIC.
    half_dlat = func.sin((events.c.latitude * _RADIANS - lat0) * 0.5)
    half_dlon = func.sin((events.c.longitude - center.longitude) * _RADIANS * 0.5)
    across = math.cos(lat0) * func.cos(events.c.latitude * _RADIANS)
    return half_dlat * half_dlat + across * half_dlon * half_dlon


def within(circle: Circle) -> ColumnElement[bool]:
    box = circle.bounding_box()
    in_box: list[ColumnElement[bool]] = [events.c.latitude.between(box.south, box.north)]
    if box.longitudes != ((-180.0, 180.0),):
        in_box.append(or_(*(events.c.longitude.between(w, e) for w, e in box.longitudes)))
    return and_(*in_box, haversine_from(circle.center) <= circle.max_haversine)
