"""Where an event is, on the wire: a GeoJSON Point (RFC 7946), longitude first."""

from typing import Annotated, Literal

import msgspec

from boxoffice.domain.geo import MAX_LATITUDE, MAX_LONGITUDE, Coordinates
from boxoffice.entrypoints.http.schemas.common import Request

Longitude = Annotated[
    float, msgspec.Meta(ge=-MAX_LONGITUDE, le=MAX_LONGITUDE, description="degrees east")
]
Latitude = Annotated[
    float, msgspec.Meta(ge=-MAX_LATITUDE, le=MAX_LATITUDE, description="degrees north")
]


class PointIn(Request):
    """`{"type": "Point", "coordinates": [longitude, latitude]}`: exactly two numbers."""

    type: Literal["Point"]
    coordinates: tuple[Longitude, Latitude]

    def to_coordinates(self) -> Coordinates:
        longitude, latitude = self.coordinates
        return Coordinates(longitude, latitude)


class PointOut(msgspec.Struct):
    type: Literal["Point"]
    coordinates: tuple[Longitude, Latitude]

    @classmethod
    def of(cls, where: Coordinates | None) -> "PointOut | None":
        return None if where is None else cls("Point", (where.longitude, where.latitude))


def coordinates_of(point: PointIn | None) -> Coordinates | None:
    return None if point is None else point.to_coordinates()
