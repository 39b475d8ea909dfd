"""Query parameters take exactly what the API document says, errors name the parameter
the caller sent, and every path answers OPTIONS (and a wrong method) with its methods."""

import re

import pytest

from tests.e2e.api import Api, Caller, assert_problem
from tests.e2e.routes import http_routes

KOLKATA = "Asia/Kolkata"
MOMENTS = ("from", "to")
ACCEPTED = (
    "2030-06-15",
    "2030-06-15T00:00:00",
    "2030-06-14T18:45:00Z",
    "2030-06-15T01:00:00+05:30",
)


async def titles(api: Api, **params: str) -> set[str]:
    response = await api.client.get("/events", params=params)
    assert response.status_code == 200, response.text
    return {event["title"] for event in response.json()["items"]}


@pytest.fixture
async def around_midnight(api: Api, admin: Caller) -> None:
    """Two events half an hour either side of midnight, 14/15 June 2030, in Kolkata."""
    for title, start, end in [
        ("Late", "2030-06-14T23:30:00", "2030-06-14T23:50:00"),
        ("Early", "2030-06-15T00:30:00", "2030-06-15T01:00:00"),
    ]:
        await api.event(admin, title=title, start_time=start, end_time=end, timezone=KOLKATA)


@pytest.mark.usefixtures("around_midnight")
async def test_a_date_in_from_and_to_is_read_as_that_whole_day_in_tz(api: Api) -> None:
    assert await titles(api, **{"from": "2030-06-15", "tz": KOLKATA}) == {"Early"}
    assert await titles(api, to="2030-06-14", tz=KOLKATA) == {"Late"}
    assert await titles(api, **{"from": "2030-06-14", "to": "2030-06-14", "tz": KOLKATA}) == {
        "Late"
    }
    # In UTC both start on 14 June (18:00 and 19:00).
    assert await titles(api, **{"from": "2030-06-14", "to": "2030-06-14", "tz": "UTC"}) == {
        "Late",
        "Early",
    }


@pytest.mark.usefixtures("around_midnight")
async def test_a_date_time_in_from_still_works_with_and_without_an_offset(api: Api) -> None:
    assert await titles(api, **{"from": "2030-06-15T00:00:00", "tz": KOLKATA}) == {"Early"}
    assert await titles(api, **{"from": "2030-06-14T18:45:00Z"}) == {"Early"}


@pytest.mark.parametrize("name", ["from", "to"])
@pytest.mark.parametrize("value", ["0.5", "1924992000", "next friday", "2030-6-5", "2030/06/05"])
async def test_anything_but_a_date_or_date_time_in_from_or_to_is_400_naming_it(
    api: Api, name: str, value: str
) -> None:
    response = await api.client.get("/events", params={name: value})

    body = assert_problem(response, 400, name)
    assert {error["field"] for error in body["errors"]} == {name}


@pytest.mark.parametrize("name", ["from", "to"])
@pytest.mark.parametrize("value", ["2030-13-01", "2030-02-30", "0000-00-00", "2030-06-15T25:00:00"])
async def test_a_date_of_the_right_shape_but_not_on_the_calendar_is_422_naming_it(
    api: Api, name: str, value: str
) -> None:
    response = await api.client.get("/events", params={name: value})

    body = assert_problem(response, 422, name)
    assert {error["field"] for error in body["errors"]} == {name}


async def test_the_api_document_says_what_from_and_to_take(api: Api) -> None:
    document = (await api.client.get("/schema/openapi.json")).json()
    parameters = document["paths"]["/events"]["get"]["parameters"]
    patterns = {p["name"]: p["schema"]["pattern"] for p in parameters if p["name"] in MOMENTS}

    for pattern in patterns.values():
        assert all(re.match(pattern, value) for value in ACCEPTED)
        assert not any(re.match(pattern, value) for value in ("0.5", "1924992000", "next friday"))
    assert set(patterns) == set(MOMENTS)
    for value in ACCEPTED:  # and the API takes what its document says
        assert (await api.client.get("/events", params={"from": value})).status_code == 200


async def test_a_date_at_the_end_of_the_calendar_is_4xx(api: Api) -> None:
    response = await api.client.get("/events", params={"to": "9999-12-31", "tz": KOLKATA})

    assert_problem(response, 422, "to")


@pytest.mark.parametrize("name", ["page", "size", "q", "from", "tz"])
async def test_a_repeated_query_parameter_is_400_naming_it(api: Api, name: str) -> None:
    response = await api.client.get("/events", params=[(name, "1"), (name, "2")])

    assert_problem(response, 400, name)


async def test_options_on_every_path_answers_204_with_all_its_methods(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin)
    methods: dict[str, set[str]] = {}
    urls: dict[str, str] = {}
    for route in http_routes(api.app):
        methods.setdefault(route.path, set()).add(route.method)
        urls[route.path] = route.url(event["id"])

    for path, expected in methods.items():
        url = urls[path]
        response = await api.client.options(url)
        assert response.status_code == 204, (url, response.text)
        assert set(response.headers["allow"].split(", ")) == expected | {"OPTIONS"}, url


async def test_a_method_a_path_does_not_have_is_405_with_its_allow_header(api: Api) -> None:
    response = await api.client.delete("/events")

    assert_problem(response, 405)
    assert set(response.headers["allow"].split(", ")) == {"GET", "POST", "OPTIONS"}


async def test_options_is_answered_before_any_token_is_asked_for(api: Api) -> None:
    response = await api.client.options("/bookings")

    assert response.status_code == 204
    assert "POST" in response.headers["allow"]


@pytest.mark.parametrize("value", ["1.0", "1e0", "0x1", "1" + "0" * 5000, "", "true"])
async def test_an_integer_query_parameter_takes_decimal_digits_only(api: Api, value: str) -> None:
    response = await api.client.get("/events", params={"page": value})

    assert_problem(response, 400, "page")


@pytest.mark.parametrize("value", ["1", "0", "yes", "True", ""])
async def test_a_boolean_query_parameter_takes_true_or_false_only(
    api: Api, customer: Caller, value: str
) -> None:
    response = await api.client.get(
        "/notifications", params={"unread": value}, headers=customer.headers
    )

    assert_problem(response, 400, "unread")


async def test_true_and_false_are_booleans(api: Api, customer: Caller) -> None:
    for value in ("true", "false"):
        response = await api.client.get(
            "/notifications", params={"unread": value}, headers=customer.headers
        )
        assert response.status_code == 200, response.text
