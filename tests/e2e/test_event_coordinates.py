"""Where an event is: a GeoJSON Point on POST, PUT and PATCH, on every event answered, and
GET /events?near=<lat>,<lon>&radius_km=<r>&sort=distance."""

import json
from typing import Any

import pytest

from tests.e2e.api import Api, Caller, assert_problem, event_body

PUNE = "18.5204,73.8567"


def point(longitude: float, latitude: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [longitude, latitude]}


async def listed(api: Api, **params: str) -> dict[str, Any]:
    response = await api.client.get("/events", params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_an_event_keeps_the_point_it_was_given_and_shows_it_everywhere(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin, coordinates=point(73.8567, 18.5204))
    bare = await api.event(admin, title="Nowhere in particular")

    assert event["coordinates"] == {"type": "Point", "coordinates": [73.8567, 18.5204]}
    assert bare["coordinates"] is None
    assert (await api.get_event(event["id"]))["coordinates"] == event["coordinates"]
    items = {e["id"]: e for e in (await listed(api))["items"]}
    assert items[event["id"]]["coordinates"] == event["coordinates"]
    assert items[bare["id"]]["coordinates"] is None
    assert "distance_km" not in items[event["id"]]


async def test_patch_changes_keeps_or_clears_the_point_and_put_replaces_it(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin, coordinates=point(73.8567, 18.5204))
    url = f"/events/{event['id']}"

    async def patch(body: dict[str, Any]) -> Any:
        response = await api.client.patch(url, json=body, headers=admin.headers)
        assert response.status_code == 200, response.text
        return response.json()["coordinates"]

    assert await patch({"title": "Moved"}) == point(73.8567, 18.5204)
    assert await patch({"coordinates": point(-179.9667, -16.85)}) == point(-179.9667, -16.85)
    assert await patch({"coordinates": None}) is None
    assert (await api.get_event(event["id"]))["coordinates"] is None

    body = event_body(coordinates=point(0, 90))
    response = await api.client.put(url, json=body, headers=admin.headers)
    assert response.json()["coordinates"] == point(0, 90)
    response = await api.client.put(url, json=event_body(), headers=admin.headers)
    assert response.json()["coordinates"] is None


NOT_POINTS: list[Any] = [
    {"type": "point", "coordinates": [73.8, 18.5]},
    {"type": "Feature", "coordinates": [73.8, 18.5]},
    {"coordinates": [73.8, 18.5]},
    {"type": "Point"},
    {"type": "Point", "coordinates": [73.8, 18.5, 560.0]},
    {"type": "Point", "coordinates": [73.8]},
    {"type": "Point", "coordinates": []},
    {"type": "Point", "coordinates": ["73.8", "18.5"]},
    {"type": "Point", "coordinates": [True, 18.5]},
    {"type": "Point", "coordinates": [None, 18.5]},
    {"type": "Point", "coordinates": [180.5, 18.5]},
    {"type": "Point", "coordinates": [73.8, -90.01]},
    {"type": "Point", "coordinates": {"lon": 73.8, "lat": 18.5}},
    {"type": "Point", "coordinates": [73.8, 18.5], "crs": "EPSG:4326"},
    [73.8, 18.5],
    "18.5,73.8",
]


async def test_anything_but_a_geojson_point_on_the_globe_is_a_400_that_changes_nothing(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin, coordinates=point(1, 2))
    for coordinates in NOT_POINTS:
        bodies = {
            ("POST", "/events"): event_body(coordinates=coordinates),
            ("PUT", f"/events/{event['id']}"): event_body(coordinates=coordinates),
            ("PATCH", f"/events/{event['id']}"): {"coordinates": coordinates},
        }
        for (method, url), body in bodies.items():
            response = await api.client.request(method, url, json=body, headers=admin.headers)
            problem = assert_problem(response, 400)
            named = [e["field"] for e in problem["errors"]]
            assert any("coordinates" in f for f in named), (method, coordinates, problem)

    assert (await listed(api))["total"] == 1
    assert (await api.get_event(event["id"]))["coordinates"] == point(1, 2)


async def test_a_number_too_large_for_a_float_is_refused_too(api: Api, admin: Caller) -> None:
    raw = json.dumps(event_body(coordinates=point(0, 0))).replace("[0, 0]", "[1e400, 0]")
    response = await api.client.post(
        "/events", content=raw, headers=admin.headers | {"content-type": "application/json"}
    )

    assert_problem(response, 400)
    assert (await listed(api))["total"] == 0


async def test_near_lists_events_within_the_radius_with_their_distance(
    api: Api, admin: Caller
) -> None:
    koregaon_park = await api.event(admin, coordinates=point(73.8937, 18.5362))  # 4 km
    lonavala = await api.event(  # 54 km, and sooner
        admin, coordinates=point(73.4062, 18.7546), start_time="2030-06-14T19:30:00"
    )
    await api.event(admin, coordinates=point(72.8777, 19.0760))  # Mumbai, 120 km
    await api.event(admin)  # nowhere

    default = await listed(api, near=PUNE)  # 50 km
    assert [e["id"] for e in default["items"]] == [koregaon_park["id"]]
    assert default["items"][0]["distance_km"] == pytest.approx(4.2, abs=0.3)

    wider = await listed(api, near=PUNE, radius_km="60")
    assert [e["id"] for e in wider["items"]] == [lonavala["id"], koregaon_park["id"]]
    assert wider["total"] == 2
    nearest = await listed(api, near=PUNE, radius_km="60", sort="distance")
    assert [e["id"] for e in nearest["items"]] == [koregaon_park["id"], lonavala["id"]]
    assert nearest["items"][1]["distance_km"] == pytest.approx(54, abs=2)

    paged = await listed(api, near="18.5204, 73.8567", radius_km="200", size="2")
    assert (paged["total"], len(paged["items"])) == (3, 2)


async def test_near_keeps_the_other_filters(api: Api, admin: Caller) -> None:
    jazz = await api.event(admin, coordinates=point(73.8937, 18.5362), tags=["jazz"])
    await api.event(admin, coordinates=point(73.8937, 18.5362), tags=["rock"])

    found = await listed(api, near=PUNE, tag="jazz")
    assert [e["id"] for e in found["items"]] == [jazz["id"]]


BAD_PLACES = [
    {"near": "18.5204"},
    {"near": "18.5204,73.8567,10"},
    {"near": "abc,def"},
    {"near": "18.5204;73.8567"},
    {"near": ""},
    {"near": "90.5,0"},
    {"near": "0,180.1"},
    {"near": "1e1,2"},
    {"near": PUNE, "radius_km": "0"},
    {"near": PUNE, "radius_km": "-5"},
    {"near": PUNE, "radius_km": "20000.5"},
    {"near": PUNE, "radius_km": "nan"},
    {"near": PUNE, "radius_km": "inf"},
    {"near": PUNE, "radius_km": "ten"},
    {"near": PUNE, "sort": "closest"},
]


async def test_a_bad_near_or_radius_is_a_400_problem(api: Api) -> None:
    for params in BAD_PLACES:
        response = await api.client.get("/events", params=params)

        problem = assert_problem(response, 400)
        assert problem["errors"], (params, problem)


@pytest.mark.parametrize(
    ("params", "field"),
    [({"radius_km": "10"}, "radius_km"), ({"sort": "distance"}, "sort")],
)
async def test_a_radius_or_a_distance_order_without_near_is_a_422_naming_it(
    api: Api, params: dict[str, str], field: str
) -> None:
    response = await api.client.get("/events", params=params)

    assert_problem(response, 422, field)


async def test_the_largest_radius_reaches_the_far_side_of_the_world(
    api: Api, admin: Caller
) -> None:
    antipode = await api.event(admin, coordinates=point(-106.1433, -18.5204))  # 20,015 km
    fiji = await api.event(admin, coordinates=point(178.4419, -18.1416))

    found = await listed(api, near=PUNE, radius_km="20000", sort="distance")
    assert [e["id"] for e in found["items"]] == [fiji["id"]]
    assert antipode["id"] not in {e["id"] for e in found["items"]}
