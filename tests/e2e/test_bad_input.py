"""Bad input on every JSON route is a 4xx problem that changes nothing, never a 500, and
wire types are strict: no number hides in a string, no float passes for an integer."""

import json
from typing import Any

import httpx
import pytest

from tests.e2e.api import Api, Caller, assert_problem, event_body
from tests.e2e.routes import http_routes, json_routes

NESTED = b"[" * 2048 + b"]" * 2048
JSON = {"content-type": "application/json"}


@pytest.fixture
async def event(api: Api, admin: Caller) -> dict[str, Any]:
    return await api.event(admin, capacity=5)


async def state(api: Api, admin: Caller, event_id: str) -> dict[str, Any]:
    return {
        "events": (await api.client.get("/events")).json(),
        "event": await api.get_event(event_id),
        "users": (await api.client.get("/users", headers=admin.headers)).json()["total"],
    }


async def answers(api: Api, event_id: str, headers: dict[str, str], content: bytes) -> list[Any]:
    """(method, path, response) for `content` sent to every JSON route."""
    found = []
    for route in json_routes(api.app):
        url = route.url(event_id)
        response = await api.client.request(route.method, url, content=content, headers=headers)
        found.append((route.method, route.path, response))
    return found


async def test_deeply_nested_json_is_400_on_every_json_route_and_changes_nothing(
    api: Api, admin: Caller, event: dict[str, Any]
) -> None:
    before = await state(api, admin, event["id"])

    for method, path, response in await answers(api, event["id"], admin.headers | JSON, NESTED):
        assert response.status_code == 400, (method, path, response.text)
        assert_problem(response, 400, "data")
    assert await state(api, admin, event["id"]) == before


async def test_deeply_nested_json_from_anonymous_callers_is_400_or_401_never_500(
    api: Api, event: dict[str, Any]
) -> None:
    found = await answers(api, event["id"], JSON, NESTED)

    statuses = {(method, path): response.status_code for method, path, response in found}
    assert set(statuses.values()) <= {400, 401}, statuses
    assert statuses[("POST", "/auth/login")] == 400
    assert statuses[("POST", "/events/{event_id:uuid}/register")] == 400


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml", None]
)
async def test_a_body_that_is_not_json_is_415_on_every_json_route(
    api: Api, admin: Caller, event: dict[str, Any], content_type: str | None
) -> None:
    headers = admin.headers | ({"content-type": content_type} if content_type else {})
    before = await state(api, admin, event["id"])

    for method, path, response in await answers(api, event["id"], headers, b'{"a": 1}'):
        assert response.status_code == 415, (method, path, response.text)
        assert_problem(response, 415)
    assert await state(api, admin, event["id"]) == before


async def test_json_with_a_charset_or_a_json_suffix_is_json(
    api: Api, admin: Caller, event: dict[str, Any]
) -> None:
    for content_type in ("application/json; charset=utf-8", "application/merge-patch+json"):
        response = await api.client.patch(
            f"/events/{event['id']}",
            content=b'{"title": "Renamed"}',
            headers=admin.headers | {"content-type": content_type},
        )
        assert response.status_code == 200, response.text


@pytest.mark.parametrize("quantity", [b'"2"', b"2.5", b'"1e1"', b"1e-1", b"true", b"null"])
async def test_a_quantity_must_be_a_json_integer(
    api: Api, customer: Caller, event: dict[str, Any], quantity: bytes
) -> None:
    body = b'{"event_id": "%s", "quantity": %s}' % (event["id"].encode(), quantity)

    response = await api.client.post("/bookings", content=body, headers=customer.headers | JSON)

    assert_problem(response, 400, "quantity")
    assert await api.seats_available(event["id"]) == 5


@pytest.mark.parametrize(("quantity", "booked"), [(b"2.0", 2), (b"1E0", 1), (b"3e0", 3)])
async def test_a_number_without_a_fraction_is_an_integer_as_json_schema_says(
    api: Api, customer: Caller, event: dict[str, Any], quantity: bytes, booked: int
) -> None:
    body = b'{"event_id": "%s", "quantity": %s}' % (event["id"].encode(), quantity)

    response = await api.client.post("/bookings", content=body, headers=customer.headers | JSON)

    assert response.status_code == 201, response.text
    assert response.json()["quantity"] == booked
    assert await api.seats_available(event["id"]) == 5 - booked


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start_time", 1924992000),
        ("start_time", "1924992000"),
        ("capacity", 10.5),
        ("capacity", "10"),
        ("title", 7),
        ("tags", "music"),
    ],
)
async def test_event_fields_are_not_coerced_from_other_json_types(
    api: Api, admin: Caller, field: str, value: Any
) -> None:
    response = await api.client.post(
        "/events", json=event_body(**{field: value}), headers=admin.headers
    )

    assert_problem(response, 400, field)
    assert (await api.client.get("/events")).json()["total"] == 0


async def test_a_nested_wrong_type_names_its_path(api: Api, admin: Caller) -> None:
    response = await api.client.post(
        "/events", json=event_body(tags=["music", 3]), headers=admin.headers
    )

    assert_problem(response, 400, "tags[1]")


async def test_a_lone_surrogate_escape_is_400(api: Api, admin: Caller) -> None:
    body = httpx.Response(200, json=event_body()).content.replace(b"Indie Night", rb"\ud800")

    response = await api.client.post("/events", content=body, headers=admin.headers | JSON)

    assert_problem(response, 400)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"event_id": "%s", "quantity": 1, "quantity": 5}', "quantity"),
        (b'{"event_id": "%s", "event_id": "%s", "quantity": 1}', "event_id"),
    ],
)
async def test_a_key_given_twice_in_a_body_is_400_naming_it(
    api: Api, customer: Caller, event: dict[str, Any], body: bytes, field: str
) -> None:
    content = body.replace(b"%s", event["id"].encode())

    response = await api.client.post("/bookings", content=content, headers=customer.headers | JSON)

    assert_problem(response, 400, field)
    assert await api.seats_available(event["id"]) == 5


async def test_a_price_of_thousands_of_digits_is_4xx(api: Api, admin: Caller) -> None:
    body = json.dumps(event_body()).replace('"499.00"', "9" * 5000).encode()

    response = await api.client.post("/events", content=body, headers=admin.headers | JSON)

    assert_problem(response, 422, "price")


GARBAGE_BODIES = [
    NESTED,
    b"null",
    b'"text"',
    b'{"a": ',
    b"\xff\xfe\x00",
    b'{"\\u0000": 1}',
    b"[" + b'"x",' * 1000 + b'"x"]',
]
GARBAGE_QUERIES = [
    {"page": "1e9"},
    {"size": "9" * 50},
    {"from": "x", "to": "0.5"},
    {"tz": "../../etc/passwd"},
    {"unread": "2"},
    {"q": "é" * 100, "city": "%_\\"},
]


async def test_no_route_answers_garbage_with_a_5xx(
    api: Api, admin: Caller, event: dict[str, Any]
) -> None:
    """A safety net over the whole route table: bodies and queries of every bad kind, from
    an anonymous caller and an admin, get a 4xx (or a success that ignored them)."""
    answers = []
    for route in http_routes(api.app):
        for headers in ({}, admin.headers):
            url = route.url(event["id"])
            for body in GARBAGE_BODIES:
                answers.append(
                    (
                        route,
                        await api.client.request(
                            route.method, url, content=body, headers=headers | JSON
                        ),
                    )
                )
            for params in GARBAGE_QUERIES:
                answers.append(
                    (
                        route,
                        await api.client.request(route.method, url, params=params, headers=headers),
                    )
                )

    failures = [(r.method, r.path, a.status_code) for r, a in answers if a.status_code >= 500]
    assert failures == []


async def test_a_number_without_a_fraction_is_an_optional_integer_too(
    api: Api, admin: Caller
) -> None:
    event = (await api.client.post("/events", json=event_body(), headers=admin.headers)).json()

    response = await api.client.patch(
        f"/events/{event['id']}", content=b'{"capacity": 12.0}', headers=admin.headers | JSON
    )

    assert response.status_code == 200, response.text
    assert response.json()["capacity"] == 12
