"""Each bound the API document promises is the domain's own rule, not a second copy of it:
changing a domain limit changes the document, and the domain refuses one past it."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from boxoffice.domain.bookings import MAX_QUANTITY, check_quantity
from boxoffice.domain.clock import MAX_ZONE_NAME, TimeSlot
from boxoffice.domain.errors import InvalidValue
from boxoffice.domain.events import (
    MAX_CAPACITY,
    MAX_CITY,
    MAX_DESCRIPTION,
    MAX_LOCATION,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    MAX_TITLE,
    EventDetails,
)
from boxoffice.domain.geo import MAX_LATITUDE, MAX_LONGITUDE
from boxoffice.domain.registrations import MAX_NAME
from boxoffice.domain.users import (
    MAX_EMAIL,
    MAX_FULL_NAME,
    MAX_PASSWORD_BYTES,
    MAX_PHONE,
    MIN_PASSWORD,
    USERNAME_PATTERN,
)
from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.settings import DatabaseSettings, IdentitySettings, Settings

START = datetime(2026, 12, 31, 19, 30, tzinfo=UTC)
TAGS = tuple(f"tag{i}" for i in range(MAX_TAGS + 1))


@pytest.fixture(scope="module")
def components() -> dict[str, Any]:
    app = create_app(
        Settings(
            database=DatabaseSettings(url="sqlite+aiosqlite:///:memory:"),
            identity=IdentitySettings(bcrypt_rounds=4),
        )
    )
    schemas: dict[str, Any] = app.openapi_schema.to_schema()["components"]["schemas"]
    return schemas


@pytest.mark.parametrize(
    ("schema", "path", "keyword", "domain"),
    [
        ("EventIn", "title", "maxLength", MAX_TITLE),
        ("EventIn", "location", "maxLength", MAX_LOCATION),
        ("EventIn", "description", "maxLength", MAX_DESCRIPTION),
        ("EventIn", "city", "maxLength", MAX_CITY),
        ("EventIn", "timezone", "maxLength", MAX_ZONE_NAME),
        ("EventIn", "capacity", "maximum", MAX_CAPACITY),
        ("EventIn", "tags", "maxItems", MAX_TAGS),
        ("EventIn", "tags.items", "maxLength", MAX_TAG_LENGTH),
        ("EventPatch", "capacity", "maximum", MAX_CAPACITY),
        ("EventPatch", "title", "maxLength", MAX_TITLE),
        ("EventPatch", "tags", "maxItems", MAX_TAGS),
        ("BookingIn", "quantity", "maximum", MAX_QUANTITY),
        ("RegistrationIn", "name", "maxLength", MAX_NAME),
        ("RegistrationIn", "email", "maxLength", MAX_EMAIL),
        ("SignUpIn", "username", "pattern", USERNAME_PATTERN),
        ("SignUpIn", "password", "minLength", MIN_PASSWORD),
        ("SignUpIn", "password", "maxLength", MAX_PASSWORD_BYTES),
        ("SignUpIn", "full_name", "maxLength", MAX_FULL_NAME),
        ("SignUpIn", "phone", "maxLength", MAX_PHONE),
        ("UserIn", "username", "pattern", USERNAME_PATTERN),
        ("PointIn", "coordinates.0", "maximum", MAX_LONGITUDE),
        ("PointIn", "coordinates.1", "maximum", MAX_LATITUDE),
        ("PointIn", "coordinates.1", "minimum", -MAX_LATITUDE),
    ],
)
def test_the_api_document_states_the_domains_bound(
    components: dict[str, Any], schema: str, path: str, keyword: str, domain: object
) -> None:
    name, _, inner = path.partition(".")
    node = components[schema]["properties"][name]
    if inner == "items":
        node = node["items"] if "items" in node else node["oneOf"][0]["items"]
    elif inner:
        node = node["prefixItems"][int(inner)]

    assert node[keyword] == domain


def details(**changes: Any) -> EventDetails:
    fields: dict[str, Any] = {
        "title": "Indie Night",
        "location": "Pune",
        "slot": TimeSlot(START, START + timedelta(hours=2)),
        "capacity": 10,
    }
    return EventDetails(**(fields | changes))


@pytest.mark.parametrize(
    ("field", "at_the_bound", "past_it"),
    [
        ("title", "t" * MAX_TITLE, "t" * (MAX_TITLE + 1)),
        ("location", "l" * MAX_LOCATION, "l" * (MAX_LOCATION + 1)),
        ("description", "d" * MAX_DESCRIPTION, "d" * (MAX_DESCRIPTION + 1)),
        ("city", "c" * MAX_CITY, "c" * (MAX_CITY + 1)),
        ("capacity", MAX_CAPACITY, MAX_CAPACITY + 1),
        ("tags", TAGS[:MAX_TAGS], TAGS[: MAX_TAGS + 1]),
        ("tags", ("t" * MAX_TAG_LENGTH,), ("t" * (MAX_TAG_LENGTH + 1),)),
    ],
)
def test_the_domain_takes_its_bound_and_refuses_one_past_it(
    field: str, at_the_bound: object, past_it: object
) -> None:
    details(**{field: at_the_bound})

    with pytest.raises(InvalidValue) as refused:
        details(**{field: past_it})
    assert refused.value.field == field


def test_a_booking_takes_its_most_seats_and_refuses_one_more() -> None:
    assert check_quantity(MAX_QUANTITY) == MAX_QUANTITY
    with pytest.raises(InvalidValue):
        check_quantity(MAX_QUANTITY + 1)
