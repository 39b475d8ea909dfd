"""Points on the Earth, great-circle distances, and the box a search circle fits in.

The Earth is a sphere of mean radius here (IUGG, 6,371.0088 km): the distances are within
about 0.5 % of the ellipsoid's, plenty for "events near me". The bounding box is exact for
the sphere: it is right across the antimeridian (two longitude ranges) and near the poles
(every longitude when the circle covers a pole), so a store can pre-filter with two
indexable range conditions and then apply the exact distance.
"""

import math
from dataclasses import dataclass

from boxoffice.domain.errors import InvalidValue

EARTH_RADIUS_KM = 6371.0088
MAX_RADIUS_KM = 20_000.0  # just under half the Earth's circumference (20,015 km)
DEFAULT_RADIUS_KM = 50.0
MAX_LONGITUDE = 180
MAX_LATITUDE = 90
# The box is a pre-filter only: widening it by a hair keeps points on its edge inside it
# whatever the rounding, and lets no point through that the exact test would not judge.
_BOX_MARGIN_DEG = 1e-9
_NEAR_ONE = 1 - 1e-9


@dataclass(frozen=True, slots=True)
class Coordinates:
    """A point on the Earth in degrees, in GeoJSON's (RFC 7946) order: longitude first."""

    longitude: float
    latitude: float

    def __post_init__(self) -> None:
        _degrees("longitude", self.longitude, MAX_LONGITUDE)
        _degrees("latitude", self.latitude, MAX_LATITUDE)
        object.__setattr__(self, "longitude", float(self.longitude))
        object.__setattr__(self, "latitude", float(self.latitude))


def _degrees(name: str, value: float, bound: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidValue(name, "must be a finite number")
    if not -bound <= value <= bound:
        raise InvalidValue(name, f"must be between -{bound} and {bound}")


def haversine(a: Coordinates, b: Coordinates) -> float:
    """The haversine of the central angle between two points: 0 (same) to 1 (antipodes).

    Monotone in the distance, so "within r" is `haversine <= haversine_of(r)` and "nearest
    first" is ordering by it: a store needs only sin and cos, no asin or sqrt."""
    lat_a, lat_b = math.radians(a.latitude), math.radians(b.latitude)
    half_dlat = (lat_b - lat_a) / 2
    half_dlon = math.radians(b.longitude - a.longitude) / 2
    return math.sin(half_dlat) ** 2 + math.cos(lat_a) * math.cos(lat_b) * math.sin(half_dlon) ** 2


def haversine_of(distance_km: float) -> float:
    """The haversine of the central angle that `distance_km` spans on the Earth's surface."""
    return math.sin(distance_km / EARTH_RADIUS_KM / 2) ** 2


def distance_km(a: Coordinates, b: Coordinates) -> float:
    """The great-circle distance between two points, in kilometres."""
    h = min(max(haversine(a, b), 0.0), 1.0)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """Latitudes `south..north` and longitudes in any of `longitudes` (one range, or two
    when the box crosses the antimeridian), all bounds included, in degrees."""

    south: float
    north: float
    longitudes: tuple[tuple[float, float], ...]

    def contains(self, point: Coordinates) -> bool:
        return self.south <= point.latitude <= self.north and any(
            west <= point.longitude <= east for west, east in self.longitudes
        )


@dataclass(frozen=True, slots=True)
class Circle:
    """Every point within `radius_km` of `center` (its edge included)."""

    center: Coordinates
    radius_km: float = DEFAULT_RADIUS_KM

    def __post_init__(self) -> None:
        r = self.radius_km
        if isinstance(r, bool) or not isinstance(r, int | float) or not math.isfinite(r):
            raise InvalidValue("radius_km", "must be a finite number")
        if not 0 < r <= MAX_RADIUS_KM:
            raise InvalidValue("radius_km", f"must be above 0 and at most {MAX_RADIUS_KM:,.0f}")
        object.__setattr__(self, "radius_km", float(r))

    @property
    def max_haversine(self) -> float:
        return haversine_of(self.radius_km)

    def contains(self, point: Coordinates) -> bool:
        """The box first, as a store does, then the exact distance."""
        box = self.bounding_box()
        return box.contains(point) and haversine(self.center, point) <= self.max_haversine

    def bounding_box(self) -> BoundingBox:
        """The smallest latitude/longitude box around the circle (J. P. Matuschek's method)."""
        angle = math.degrees(self.radius_km / EARTH_RADIUS_KM) + _BOX_MARGIN_DEG
        lat, lon = self.center.latitude, self.center.longitude
        south, north = lat - angle, lat + angle
        if south <= -90 or north >= 90:  # a pole is inside: every longitude, up to the pole
            return BoundingBox(max(south, -90.0), min(north, 90.0), ((-180.0, 180.0),))
        ratio = math.sin(math.radians(angle)) / math.cos(math.radians(lat))
        # asin is steep near 1, where rounding would move the edge: take the quarter turn there.
        spread = 90.0 if ratio >= _NEAR_ONE else math.degrees(math.asin(ratio)) + _BOX_MARGIN_DEG
        return BoundingBox(south, north, _longitude_ranges(lon - spread, lon + spread))


def _longitude_ranges(west: float, east: float) -> tuple[tuple[float, float], ...]:
    """`west..east` as ranges inside -180..180: split in two where it crosses ±180."""
    if east - west >= 360:
        return ((-180.0, 180.0),)
    if west < -180:
        return ((west + 360, 180.0), (-180.0, east))
    if east > 180:
        return ((west, 180.0), (-180.0, east - 360))
    return ((west, east),)
