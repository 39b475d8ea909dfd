"""Bad input of every kind is a 4xx problem+json naming what is wrong, never a 500, and a
request that fails changes nothing."""

from typing import Any

import pytest

from tests.e2e.api import Api, Caller, assert_problem, event_body

LISTS = (
    "/events",
    "/my/bookings",
    "/users",
    "/users/{user}/bookings",
    "/events/{event}/bookings",
    "/events/{event}/attendees",
)


async def snapshot(api: Api, admin: Caller, event_id: str) -> dict[str, Any]:
    """Everything a failed write could have touched."""
    return {
        "events": (await api.client.get("/events", params={"status": "active"})).json(),
        "event": await api.get_event(event_id),
        "stats": await api.stats(admin, event_id),
        "users": (await api.client.get("/users", headers=admin.headers)).json()["total"],
    }


@pytest.fixture
async def event(api: Api, admin: Caller) -> dict[str, Any]:
    return await api.event(admin, capacity=5)


async def test_malformed_json_is_400_everywhere_and_writes_nothing(
    api: Api, admin: Caller, event: dict[str, Any]
) -> None:
    before = await snapshot(api, admin, event["id"])
    headers = admin.headers | {"content-type": "application/json"}
    writes = [
        ("POST", "/events"),
        ("PUT", f"/events/{event['id']}"),
        ("PATCH", f"/events/{event['id']}"),
        ("POST", f"/events/{event['id']}/register"),
        ("POST", "/bookings"),
        ("POST", "/auth/register"),
        ("POST", "/auth/login"),
        ("POST", "/users"),
    ]

    for method, url in writes:
        for content in (b'{"title": ', b"{'single': 'quotes'}", b"\xff\xfe", b"[1, 2,]"):
            response = await api.client.request(method, url, content=content, headers=headers)
            assert_problem(response, 400)
    assert await snapshot(api, admin, event["id"]) == before


async def test_a_body_that_is_not_an_object_is_400_with_a_clear_message(
    api: Api, customer: Caller
) -> None:
    headers = customer.headers | {"content-type": "application/json"}

    empty = await api.client.post("/bookings", content=b"", headers=headers)
    null = await api.client.post("/bookings", content=b"null", headers=headers)
    array = await api.client.post("/bookings", json=[], headers=customer.headers)

    assert assert_problem(empty, 400)["detail"] == "a JSON body is required"
    assert "got `null`" in assert_problem(null, 400)["detail"]
    assert "got `array`" in assert_problem(array, 400)["detail"]


async def test_wrong_types_are_400_naming_the_field(
    api: Api, admin: Caller, customer: Caller, event: dict[str, Any]
) -> None:
    before = await snapshot(api, admin, event["id"])
    bookings = [
        ({"event_id": event["id"], "quantity": "two"}, "quantity"),
        ({"event_id": event["id"], "quantity": 1.5}, "quantity"),
        ({"event_id": event["id"], "quantity": True}, "quantity"),
        ({"event_id": event["id"], "quantity": [1]}, "quantity"),
        ({"event_id": event["id"], "quantity": None}, "quantity"),
        ({"event_id": "not-a-uuid", "quantity": 1}, "event_id"),
        ({"event_id": 42, "quantity": 1}, "event_id"),
    ]
    events = [
        (event_body(capacity="many"), "capacity"),
        (event_body(title=123), "title"),
        (event_body(tags="music"), "tags"),
        (event_body(start_time={"year": 2030}), "start_time"),
        (event_body(start_time="next friday"), "start_time"),
        (event_body(status="active"), "status"),
    ]

    for body, field in bookings:
        assert_problem(
            await api.client.post("/bookings", json=body, headers=customer.headers), 400, field
        )
    for body, field in events:
        assert_problem(
            await api.client.post("/events", json=body, headers=admin.headers), 400, field
        )
    assert await snapshot(api, admin, event["id"]) == before


async def test_unknown_and_missing_fields_are_400_naming_the_field(
    api: Api, admin: Caller, customer: Caller, event: dict[str, Any]
) -> None:
    booking = {"event_id": event["id"], "quantity": 1}

    unknown = await api.client.post(
        "/bookings", json=booking | {"discount": 50}, headers=customer.headers
    )
    missing = await api.client.post("/bookings", json={"quantity": 1}, headers=customer.headers)
    patch = await api.client.patch(
        f"/events/{event['id']}", json={"seats_taken": 0}, headers=admin.headers
    )

    assert "discount" in assert_problem(unknown, 400, "discount")["detail"]
    assert_problem(missing, 400, "event_id")
    assert_problem(patch, 400, "seats_taken")
    assert await api.seats_available(event["id"]) == 5


async def test_oversized_strings_are_400_naming_the_field(
    api: Api, admin: Caller, event: dict[str, Any]
) -> None:
    before = await snapshot(api, admin, event["id"])
    events = [
        ("title", "t" * 101),
        ("location", "l" * 201),
        ("description", "d" * 5001),
        ("city", "c" * 101),
        ("timezone", "Z" * 65),
        ("tags[0]", ["t" * 31]),
        ("tags", [f"tag{i}" for i in range(11)]),
    ]
    signups = [
        ("username", "u" * 51),
        ("email", "e" * 250 + "@x.io"),
        ("password", "Aa1!" * 19),
        ("full_name", "f" * 101),
        ("phone", "1" * 21),
    ]
    valid_signup = {"username": "meera", "email": "m@example.com", "password": "Secret#123"}

    for field, value in events:
        response = await api.client.post(
            "/events", json=event_body(**{field.removesuffix("[0]"): value}), headers=admin.headers
        )
        assert_problem(response, 400, field)
    for field, value in signups:
        response = await api.client.post("/auth/register", json=valid_signup | {field: value})
        assert_problem(response, 400, field)
    registration = {"name": "n" * 101, "email": "a@b.io"}
    response = await api.client.post(f"/events/{event['id']}/register", json=registration)
    assert_problem(response, 400, "name")
    assert_problem(await api.client.get("/events", params={"q": "q" * 101}), 400, "q")
    assert await snapshot(api, admin, event["id"]) == before


@pytest.mark.parametrize("path", LISTS)
async def test_every_list_refuses_pages_out_of_range(
    api: Api, admin: Caller, event: dict[str, Any], path: str
) -> None:
    url = path.format(user=admin.id, event=event["id"])

    for params, field in (
        ({"page": 0}, "page"),
        ({"page": -1}, "page"),
        ({"page": "one"}, "page"),
        ({"page": 100_001}, "page"),
        ({"size": 0}, "size"),
        ({"size": 101}, "size"),
    ):
        response = await api.client.get(url, params=params, headers=admin.headers)
        assert_problem(response, 400, field)
    largest = await api.client.get(url, params={"size": 100}, headers=admin.headers)
    assert (largest.status_code, largest.json()["size"]) == (200, 100)


async def test_a_malformed_id_in_the_path_is_404(api: Api, admin: Caller) -> None:
    for method, url in (
        ("GET", "/events/42"),
        ("PATCH", "/events/not-a-uuid"),
        ("GET", "/bookings/0000"),
        ("POST", "/bookings/xyz/cancel"),
        ("GET", "/users/me/bookings"),
        ("POST", "/events/abc/register"),
    ):
        response = await api.client.request(method, url, json={}, headers=admin.headers)
        assert_problem(response, 404)


async def test_unknown_paths_and_methods_are_problems_too(api: Api, admin: Caller) -> None:
    assert_problem(await api.client.get("/nowhere"), 404)
    assert_problem(await api.client.delete("/bookings", headers=admin.headers), 405)
    assert_problem(await api.client.put("/health"), 405)


async def test_nul_characters_are_refused_on_both_backends(
    api: Api, admin: Caller, customer: Caller, event: dict[str, Any]
) -> None:
    before = await snapshot(api, admin, event["id"])
    register = f"/events/{event['id']}/register"

    title = await api.client.post(
        "/events", json=event_body(title="Gig\x00"), headers=admin.headers
    )
    name = await api.client.post(register, json={"name": "A\x00", "email": "a@b.io"})
    login = await api.client.post("/auth/login", json={"login": "admin\x00", "password": "x"})
    search = await api.client.get("/events", params={"q": "a\x00b"})
    key = await api.book_raw(customer, event["id"], 1, key="k\x00")

    for response in (title, name, login, search, key):
        assert "NUL" in assert_problem(response, 400)["errors"][0]["message"]
    assert await snapshot(api, admin, event["id"]) == before
    literal = await api.client.post(register, json={"name": "A\\u0000", "email": "a@b.io"})
    assert (literal.status_code, literal.json()["name"]) == (201, "A\\u0000")


async def test_times_at_the_edge_of_the_calendar_are_422_not_500(api: Api, admin: Caller) -> None:
    far = event_body(start_time="9999-12-31T20:00:00Z", end_time="9999-12-31T21:00:00Z")
    near_the_end = event_body(
        start_time="9999-12-31T20:00:00",
        end_time="9999-12-31T21:00:00",
        timezone="Pacific/Pago_Pago",
    )

    assert_problem(
        await api.client.post("/events", json=far, headers=admin.headers), 422, "start_time"
    )
    assert_problem(
        await api.client.post("/events", json=near_the_end, headers=admin.headers),
        422,
        "start_time",
    )
    response = await api.client.get(
        "/events", params={"to": "9999-12-31T23:59:59", "tz": "Pacific/Pago_Pago"}
    )
    assert_problem(response, 422, "to")
    assert (await api.client.get("/events")).json()["total"] == 0
