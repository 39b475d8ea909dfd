"""Places and a reference geometry for the tests of the "near" filter: a textbook haversine
(atan2 form) and the spherical direct problem, written apart from domain.geo."""

import math

from boxoffice.domain.geo import EARTH_RADIUS_KM, Coordinates

PUNE = Coordinates(73.8567, 18.5204)
SUVA = Coordinates(178.4419, -18.1416)  # Fiji, a degree and a half west of the antimeridian
TAVEUNI = Coordinates(-179.9667, -16.8500)  # Fiji too, just east of it
NORTH_POLE = Coordinates(0.0, 90.0)


def reference_km(a: Coordinates, b: Coordinates) -> float:
    phi1, phi2 = math.radians(a.latitude), math.radians(b.latitude)
    dphi = phi2 - phi1
    dlmb = math.radians(b.longitude - a.longitude)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    h = min(max(h, 0.0), 1.0)
    return 2 * EARTH_RADIUS_KM * math.atan2(math.sqrt(h), math.sqrt(1 - h))


def destination(start: Coordinates, bearing_deg: float, km: float) -> Coordinates:
    """The point `km` from `start` along the initial bearing (spherical direct problem)."""
    phi, lmb = math.radians(start.latitude), math.radians(start.longitude)
    theta, delta = math.radians(bearing_deg), km / EARTH_RADIUS_KM
    sin_lat = math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    lat = math.asin(max(-1.0, min(1.0, sin_lat)))
    lon = lmb + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * sin_lat,
    )
    longitude = (math.degrees(lon) + 540) % 360 - 180
    return Coordinates(max(-180.0, min(180.0, longitude)), max(-90.0, min(90.0, math.degrees(lat))))
