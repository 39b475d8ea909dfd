"""Coordinates, great-circle distance and the search circle's bounding box, checked against a
textbook haversine written here independently (atan2 form)."""

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.geo import EARTH_RADIUS_KM, MAX_RADIUS_KM, Circle, Coordinates, distance_km
from tests.geo_points import NORTH_POLE, PUNE, SUVA, TAVEUNI, destination, reference_km

MUMBAI = Coordinates(72.8777, 19.0760)


longitudes = st.floats(min_value=-180, max_value=180)
latitudes = st.floats(min_value=-90, max_value=90)
points = st.builds(Coordinates, longitudes, latitudes)
radii = st.one_of(
    st.floats(min_value=0.001, max_value=50), st.floats(min_value=50, max_value=MAX_RADIUS_KM)
)
# Points around a centre out to a bit beyond the radius: as fractions of it, with a bearing.
offsets = st.tuples(st.floats(min_value=0, max_value=360), st.floats(min_value=0, max_value=1.3))


@pytest.mark.parametrize(
    ("longitude", "latitude"),
    [(180.5, 0), (-181, 0), (0, 90.01), (0, -91), (math.nan, 0), (0, math.inf), (True, 0)],
)
def test_coordinates_outside_the_globe_or_not_finite_are_refused(
    longitude: float, latitude: float
) -> None:
    with pytest.raises(InvalidValue):
        Coordinates(longitude, latitude)


def test_the_edges_of_the_globe_are_coordinates() -> None:
    assert Coordinates(-180, -90) == Coordinates(-180.0, -90.0)
    assert Coordinates(180, 90).longitude == 180.0


@pytest.mark.parametrize("radius", [0, -1, 20_000.001, math.inf, math.nan])
def test_a_radius_must_be_above_zero_and_at_most_20000_km(radius: float) -> None:
    with pytest.raises(InvalidValue) as refused:
        Circle(PUNE, radius)
    assert refused.value.field == "radius_km"


def test_known_distances() -> None:
    assert 118 < distance_km(PUNE, MUMBAI) < 122
    assert distance_km(PUNE, PUNE) == 0
    assert distance_km(Coordinates(0, 0), Coordinates(180, 0)) == pytest.approx(
        math.pi * EARTH_RADIUS_KM
    )
    assert distance_km(SUVA, TAVEUNI) < 250  # not the way round the world


def test_a_circle_across_the_antimeridian_has_two_longitude_ranges() -> None:
    box = Circle(SUVA, 300).bounding_box()

    assert len(box.longitudes) == 2
    assert box.contains(TAVEUNI)
    assert Circle(SUVA, 300).contains(TAVEUNI)
    assert not box.contains(Coordinates(0, -18))


def test_a_circle_around_a_pole_spans_every_longitude() -> None:
    box = Circle(Coordinates(45, 89.5), 100).bounding_box()

    assert box.longitudes == ((-180.0, 180.0),)
    assert box.north == 90.0
    assert Circle(Coordinates(45, 89.5), 100).contains(
        Coordinates(-135, 89.7)
    )  # 89 km, over the pole


@given(points, radii, st.lists(offsets, min_size=1, max_size=20))
@example(PUNE, 150, [(0, 1.0), (90, 1.0), (270, 0.999999)])
@example(SUVA, 500, [(90, 0.99), (45, 1.0), (135, 1.0)])
@example(NORTH_POLE, 10, [(180, 1.0), (0, 0.5)])
@example(Coordinates(-179.999, 89.99), 2000, [(10, 1.0), (200, 1.0)])
@example(Coordinates(180, -60), 19_999, [(0, 1.0), (300, 0.2)])
def test_every_point_within_the_radius_is_inside_the_bounding_box(
    center: Coordinates, radius: float, around: list[tuple[float, float]]
) -> None:
    box = Circle(center, radius).bounding_box()
    for bearing, fraction in around:
        point = destination(center, bearing, radius * fraction)
        if reference_km(center, point) <= radius:
            assert box.contains(point), (point, box)


@given(points, radii, st.lists(offsets, max_size=30), st.lists(points, max_size=10))
@example(SUVA, 250, [(90, 1.0), (270, 0.5)], [TAVEUNI, Coordinates(0, 0)])
@example(NORTH_POLE, 1000, [(0, 1.01), (123, 0.99)], [Coordinates(-170, 81.1)])
def test_the_filter_keeps_exactly_the_points_a_brute_force_haversine_keeps(
    center: Coordinates,
    radius: float,
    around: list[tuple[float, float]],
    anywhere: list[Coordinates],
) -> None:
    circle = Circle(center, radius)
    candidates = [destination(center, b, radius * f) for b, f in around] + anywhere
    # A point within a millimetre of the edge may fall either way with rounding.
    clear = [p for p in candidates if abs(reference_km(center, p) - radius) > 1e-6]

    assert [p for p in clear if circle.contains(p)] == [
        p for p in clear if reference_km(center, p) <= radius
    ]


@given(points, points)
def test_the_distance_agrees_with_the_reference_and_is_symmetric(
    a: Coordinates, b: Coordinates
) -> None:
    assert distance_km(a, b) == pytest.approx(reference_km(a, b), abs=1e-6)
    assert distance_km(a, b) == pytest.approx(distance_km(b, a), abs=1e-9)
    assert 0 <= distance_km(a, b) <= math.pi * EARTH_RADIUS_KM + 1e-9
