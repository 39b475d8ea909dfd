"""The repository contract, the "near" filter: coordinates stored and read back, and events
within a great-circle radius, on the fake, SQLite and PostgreSQL alike. The expected answers
come from the reference haversine in tests.geo_points, not from the code under test."""

import random
from datetime import timedelta
from uuid import UUID

from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.models.queries import EventFilter, EventOrder
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.events import Event
from boxoffice.domain.geo import Circle, Coordinates
from tests.builders import NOW, an_event
from tests.geo_points import NORTH_POLE, PUNE, SUVA, TAVEUNI, destination, reference_km
from tests.integration.contract import ALL, event_in, given


def at(where: Coordinates | None, hours: float = 1) -> Event:
    return an_event(
        NOW - timedelta(days=30), starts_in=timedelta(days=30, hours=hours), coordinates=where
    )


def coordinates_of(event: Event) -> Coordinates:
    assert event.details.coordinates is not None, "the events measured here all have a place"
    return event.details.coordinates


async def near(
    uow: UnitOfWork, circle: Circle, order: EventOrder = EventOrder.START_TIME
) -> list[UUID]:
    async with uow:
        page = await uow.events.list(EventFilter(page=ALL, near=circle, order=order), NOW)
    assert page.total == len(page.items)
    return [e.id for e in page.items]


async def test_coordinates_are_stored_read_back_and_cleared(uow: UnitOfWork) -> None:
    event = at(Coordinates(-179.9667, -16.85))
    await given(uow, events=(event,))
    found = await event_in(uow, event.id)
    assert found is not None
    assert found.details.coordinates == Coordinates(-179.9667, -16.85)

    found.revise(found.with_details(coordinates=None))
    async with uow:
        await uow.events.save(found)
        await uow.commit()

    cleared = await event_in(uow, event.id)
    assert cleared is not None
    assert cleared.details.coordinates is None


async def test_events_near_pune_within_the_radius_are_listed_and_no_others(
    uow: UnitOfWork,
) -> None:
    koregaon_park = at(Coordinates(73.8937, 18.5362), hours=3)  # 4 km
    lonavala = at(Coordinates(73.4062, 18.7546), hours=2)  # 53 km
    mumbai = at(Coordinates(72.8777, 19.0760))  # 120 km
    nowhere = at(None)
    await given(uow, events=(koregaon_park, lonavala, mumbai, nowhere))

    assert await near(uow, Circle(PUNE, 10)) == [koregaon_park.id]
    assert await near(uow, Circle(PUNE, 60)) == [lonavala.id, koregaon_park.id]
    assert await near(uow, Circle(PUNE, 60), EventOrder.DISTANCE) == [
        koregaon_park.id,
        lonavala.id,
    ]
    assert await near(uow, Circle(PUNE, 200), EventOrder.DISTANCE) == [
        koregaon_park.id,
        lonavala.id,
        mumbai.id,
    ]


async def test_fiji_across_the_antimeridian_finds_both_sides_of_it(uow: UnitOfWork) -> None:
    taveuni = at(TAVEUNI)  # east of 180°, 230 km from Suva
    nadi = at(Coordinates(177.4167, -17.8000), hours=2)  # west of it, 115 km
    samoa = at(Coordinates(-171.7514, -13.8333), hours=3)  # 1,150 km
    gulf_of_guinea = at(Coordinates(0.0, -18.0))  # the longitude "in between" on a flat map
    await given(uow, events=(taveuni, nadi, samoa, gulf_of_guinea))

    assert await near(uow, Circle(SUVA, 300)) == [taveuni.id, nadi.id]
    assert await near(uow, Circle(TAVEUNI, 350), EventOrder.DISTANCE) == [taveuni.id, nadi.id]
    assert await near(uow, Circle(SUVA, 1500), EventOrder.DISTANCE) == [
        nadi.id,
        taveuni.id,
        samoa.id,
    ]


async def test_near_the_north_pole_every_longitude_counts(uow: UnitOfWork) -> None:
    over_the_pole = at(Coordinates(180.0, 89.6))  # 44 km from the pole, any way round
    other_side = at(Coordinates(-90.0, 89.3), hours=2)  # 78 km
    svalbard = at(Coordinates(15.6469, 78.2232))  # 1,310 km
    await given(uow, events=(over_the_pole, other_side, svalbard))

    assert await near(uow, Circle(NORTH_POLE, 100)) == [over_the_pole.id, other_side.id]
    assert await near(uow, Circle(Coordinates(0, 89.8), 100), EventOrder.DISTANCE) == [
        over_the_pole.id,
        other_side.id,
    ]


async def test_paging_and_total_count_only_events_truly_within_the_radius(
    uow: UnitOfWork,
) -> None:
    # Events around the circle's edge: those in its bounding box's corners are not in it.
    circle = Circle(SUVA, 200)
    rng = random.Random(13)
    events = [at(destination(SUVA, rng.uniform(0, 360), rng.uniform(0, 275))) for _ in range(40)]
    for hour, event in enumerate(events):
        event.details = event.with_details(slot=at(None, hours=hour).details.slot)
    await given(uow, events=tuple(events))
    inside = [e for e in events if reference_km(SUVA, coordinates_of(e)) <= 200]
    assert 0 < len(inside) < len(events)

    pages, total = [], []
    for number in (1, 2, 3, 4, 5, 6):
        query = EventFilter(page=PageRequest(number, 7), near=circle, order=EventOrder.DISTANCE)
        async with uow:
            page = await uow.events.list(query, NOW)
        pages += [e.id for e in page.items]
        total.append(page.total)

    nearest_first = sorted(inside, key=lambda e: reference_km(SUVA, coordinates_of(e)))
    assert pages == [e.id for e in nearest_first]
    assert set(total) == {len(inside)}


async def test_the_filter_keeps_what_a_brute_force_haversine_keeps_on_a_random_set(
    uow: UnitOfWork,
) -> None:
    rng = random.Random(2026)
    centres = [PUNE, SUVA, TAVEUNI, NORTH_POLE, Coordinates(-180, -89.5), Coordinates(10, 0)]
    points = [Coordinates(rng.uniform(-180, 180), rng.uniform(-90, 90)) for _ in range(20)]
    for centre in centres:
        points += [destination(centre, rng.uniform(0, 360), rng.uniform(0, 900)) for _ in range(12)]
    events = [at(p, hours=rng.uniform(1, 100)) for p in points]
    await given(uow, events=tuple(events))

    for centre in centres:
        for radius in (1.0, 250.0, 800.0, 5000.0, 20000.0):
            distance = {e.id: reference_km(centre, coordinates_of(e)) for e in events}
            found = set(await near(uow, Circle(centre, radius)))
            clear = {i for i, d in distance.items() if abs(d - radius) > 1e-6}
            assert found & clear == {i for i in clear if distance[i] <= radius}, (centre, radius)
