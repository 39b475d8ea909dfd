"""Publishing and browsing events: POST /events, GET /events, GET /events/{id}."""

from datetime import timedelta
from uuid import uuid4

import httpx

from tests.e2e.api import Api, Caller, ShiftableClock, assert_problem, event_body


async def test_admin_publishes_an_event_with_every_field_rendered(api: Api, admin: Caller) -> None:
    event = await api.event(admin, capacity=120, price="749.50", tags=["Music", "live"])

    assert event["title"] == "Indie Night"
    assert event["description"] == "Three bands, one stage"
    assert (event["location"], event["city"]) == ("Blue Frog", "Mumbai")
    assert event["start_time"] == "2030-06-15T19:30:00+05:30"
    assert event["end_time"] == "2030-06-15T22:30:00+05:30"
    assert event["timezone"] == "Asia/Kolkata"
    assert (event["capacity"], event["seats_available"]) == (120, 120)
    assert (event["price"], event["currency"]) == ("749.50", "INR")
    assert event["status"] == "active"
    assert event["tags"] == ["live", "music"]
    assert event["created_by"] == admin.id
    assert event["created_at"].endswith("+05:30")
    assert await api.get_event(event["id"]) == event


async def test_a_free_event_costs_zero_by_default(api: Api, admin: Caller) -> None:
    body = event_body()
    del body["price"], body["description"], body["city"], body["tags"]
    response = await api.client.post("/events", json=body, headers=admin.headers)

    assert response.status_code == 201
    created = response.json()
    assert (created["price"], created["currency"]) == ("0.00", "INR")
    assert (created["description"], created["city"], created["tags"]) == ("", "", [])


async def test_a_customer_may_not_publish_events_by_default(api: Api, customer: Caller) -> None:
    response = await api.client.post("/events", json=event_body(), headers=customer.headers)

    assert_problem(response, 403)
    assert (await api.client.get("/events")).json()["total"] == 0


async def test_publishing_without_a_token_is_401(api: Api) -> None:
    response = await api.client.post("/events", json=event_body())

    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_new_event_may_not_start_in_the_past(api: Api, admin: Caller) -> None:
    body = event_body(start_time="2020-01-01T10:00:00", end_time="2020-01-01T12:00:00")
    response = await api.client.post("/events", json=body, headers=admin.headers)

    assert_problem(response, 422, "start_time")
    assert (await api.client.get("/events", params={"from": "2000-01-01T00:00:00"})).json()[
        "total"
    ] == 0


async def test_an_event_must_end_after_it_starts(api: Api, admin: Caller) -> None:
    body = event_body(end_time="2030-06-15T19:30:00")
    response = await api.client.post("/events", json=body, headers=admin.headers)

    assert_problem(response, 422, "end_time")


async def test_invalid_money_is_refused(api: Api, admin: Caller) -> None:
    for price in ("-1.00", "10.005", "10000000.00", "NaN", "lots"):
        response = await api.client.post(
            "/events", json=event_body(price=price), headers=admin.headers
        )
        assert 400 <= response.status_code < 500, (price, response.text)
        assert response.json()["status"] == response.status_code
    response = await api.client.post(
        "/events", json=event_body(currency="RUPEES"), headers=admin.headers
    )
    assert_problem(response, 400, "currency")
    assert (await api.client.get("/events")).json()["total"] == 0


async def test_an_unknown_event_is_404(api: Api) -> None:
    response = await api.client.get(f"/events/{uuid4()}")

    body = assert_problem(response, 404)
    assert body["detail"] == "no such event"


async def test_the_list_shows_active_upcoming_events_soonest_first(api: Api, admin: Caller) -> None:
    later = await api.event(
        admin, title="Later", start_time="2030-09-01T10:00:00", end_time="2030-09-01T12:00:00"
    )
    sooner = await api.event(
        admin, title="Sooner", start_time="2030-02-01T10:00:00", end_time="2030-02-01T12:00:00"
    )
    cancelled = await api.event(admin, title="Called off")
    await api.client.patch(
        f"/events/{cancelled['id']}", json={"status": "cancelled"}, headers=admin.headers
    )

    page = (await api.client.get("/events")).json()

    assert [e["id"] for e in page["items"]] == [sooner["id"], later["id"]]
    assert (page["page"], page["size"], page["total"]) == (1, 20, 2)


async def test_the_list_is_paginated(api: Api, admin: Caller) -> None:
    titles = [f"Gig {day:02d}" for day in range(1, 6)]
    for day, title in enumerate(titles, start=1):
        await api.event(
            admin,
            title=title,
            start_time=f"2030-03-{day:02d}T18:00:00",
            end_time=f"2030-03-{day:02d}T20:00:00",
        )

    second = (await api.client.get("/events", params={"page": 2, "size": 2})).json()
    beyond = (await api.client.get("/events", params={"page": 4, "size": 2})).json()

    assert [e["title"] for e in second["items"]] == titles[2:4]
    assert (second["page"], second["size"], second["total"]) == (2, 2, 5)
    assert (beyond["items"], beyond["total"]) == ([], 5)


async def test_events_that_are_over_leave_the_default_list(
    api: Api, admin: Caller, clock: ShiftableClock
) -> None:
    soon = (clock.now() + timedelta(hours=1)).isoformat()
    soon_end = (clock.now() + timedelta(hours=2)).isoformat()
    await api.event(admin, title="Tonight", start_time=soon, end_time=soon_end)
    await api.event(admin, title="Next year")

    clock.advance(timedelta(hours=3))
    titles = [e["title"] for e in (await api.client.get("/events")).json()["items"]]

    assert titles == ["Next year"]


async def _titles(client: httpx.AsyncClient, **params: str) -> list[str]:
    response = await client.get("/events", params=params)
    assert response.status_code == 200, response.text
    return [e["title"] for e in response.json()["items"]]


async def test_the_list_filters_by_text_city_tag_and_time(api: Api, admin: Caller) -> None:
    await api.event(
        admin,
        title="Jazz Brunch",
        city="Pune",
        tags=["jazz"],
        start_time="2030-05-01T11:00:00",
        end_time="2030-05-01T13:00:00",
    )
    await api.event(
        admin,
        title="Rock Night",
        location="Hard Rock Cafe",
        city="Mumbai",
        tags=["rock"],
        description="loud 100% guitars",
        start_time="2030-06-01T20:00:00",
        end_time="2030-06-01T23:00:00",
    )
    await api.event(
        admin,
        title="Poetry Slam",
        city="mumbai",
        tags=["words"],
        start_time="2030-07-01T18:00:00",
        end_time="2030-07-01T20:00:00",
    )

    assert await _titles(api.client, q="ROCK") == ["Rock Night"]
    assert await _titles(api.client, q="100%") == ["Rock Night"]
    assert await _titles(api.client, q="brunch") == ["Jazz Brunch"]
    assert await _titles(api.client, city="MUMBAI") == ["Rock Night", "Poetry Slam"]
    assert await _titles(api.client, tag="Jazz") == ["Jazz Brunch"]
    assert await _titles(api.client, **{"from": "2030-05-15T00:00:00+05:30"}) == [
        "Rock Night",
        "Poetry Slam",
    ]
    assert await _titles(api.client, to="2030-06-01T20:00:00+05:30") == ["Jazz Brunch"]
    assert await _titles(api.client, city="Delhi") == []


async def test_the_list_filters_by_status(api: Api, admin: Caller) -> None:
    kept = await api.event(admin, title="Kept")
    done = await api.event(admin, title="Done")
    await api.client.patch(
        f"/events/{done['id']}", json={"status": "completed"}, headers=admin.headers
    )

    assert await _titles(api.client, status="completed") == ["Done"]
    assert await _titles(api.client, status="active") == [kept["title"]]
    assert_problem(await api.client.get("/events", params={"status": "gone"}), 400, "status")
