"""Property: whatever JSON a caller sends, the answer is never a 500, every refusal is a
problem document, and seats are never oversold or lost."""

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.api import PROBLEM_JSON, Api, Caller, event_body

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ZONES = st.sampled_from(["Asia/Kolkata", "America/New_York", "Europe/London", "UTC", "Nowhere"])
TIMES = st.datetimes().map(lambda d: d.isoformat()) | TEXT


def either(valid: Any, *plausible: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(valid), JSON, *plausible)


def body_like(valid: dict[str, Any], **plausible: st.SearchStrategy[Any]) -> st.SearchStrategy:
    """`valid` with any field kept, dropped, or swapped for arbitrary JSON, plus stray fields."""
    fields = {name: either(value, plausible.get(name, JSON)) for name, value in valid.items()}
    stray = st.dictionaries(TEXT, JSON, max_size=1)
    return st.tuples(st.fixed_dictionaries({}, optional=fields), stray).map(
        lambda parts: parts[1] | parts[0]
    )


def assert_handled(response: Any) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith(PROBLEM_JSON)
        assert response.json()["status"] == response.status_code


EVENT_BODIES = body_like(
    event_body(),
    start_time=TIMES,
    end_time=TIMES,
    timezone=ZONES,
    capacity=st.integers(-5, 2_000_000),
    price=st.decimals(allow_nan=True).map(str),
    currency=TEXT,
    tags=st.lists(TEXT, max_size=12),
)


@FUZZ
@given(body=EVENT_BODIES)
async def test_any_event_body_gets_a_4xx_or_an_event_that_reads_back(
    api: Api, admin: Caller, body: dict[str, Any]
) -> None:
    response = await api.client.post("/events", json=body, headers=admin.headers)

    assert_handled(response)
    if response.status_code == 201:
        created = response.json()
        assert await api.get_event(created["id"]) == created
        patched = await api.client.patch(
            f"/events/{created['id']}", json=body, headers=admin.headers
        )
        assert_handled(patched)


@FUZZ
@given(data=st.data())
async def test_any_booking_body_gets_a_4xx_or_a_booking_and_seats_add_up(
    api: Api, admin: Caller, customer: Caller, data: st.DataObject
) -> None:
    event = await api.event(admin, capacity=30)
    body = data.draw(
        body_like({"event_id": event["id"], "quantity": 1}, quantity=st.integers(-3, 15))
    )
    key = data.draw(st.none() | st.text(st.characters(min_codepoint=32, max_codepoint=126)))
    headers = customer.headers | ({} if key is None else {"Idempotency-Key": key})

    response = await api.client.post("/bookings", json=body, headers=headers)

    assert_handled(response)
    mine = await api.client.get("/my/bookings", params={"size": 100}, headers=customer.headers)
    sold = sum(b["quantity"] for b in mine.json()["items"] if b["event_id"] == event["id"])
    assert await api.seats_available(event["id"]) == 30 - sold


@FUZZ
@given(data=st.data())
async def test_any_registration_or_signup_body_gets_a_4xx_or_a_201(
    api: Api, admin: Caller, data: st.DataObject
) -> None:
    event = await api.event(admin, capacity=1000)
    registration = data.draw(body_like({"name": "Asha", "email": "asha@example.com"}, email=TEXT))
    signup = data.draw(
        body_like(
            {"username": "meera", "email": "m@example.com", "password": "Secret#123"},
            username=TEXT,
            password=TEXT,
        )
    )

    registered = await api.client.post(f"/events/{event['id']}/register", json=registration)
    signed_up = await api.client.post("/auth/register", json=signup)

    assert_handled(registered)
    assert_handled(signed_up)
    taken = 1000 - await api.seats_available(event["id"])
    attendees = await api.client.get(f"/events/{event['id']}/attendees", headers=admin.headers)
    assert attendees.json()["total"] == taken


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["page", "size", "q", "city", "tag", "from", "to", "status", "tz"]),
        TEXT | st.integers().map(str) | TIMES,
    )
)
async def test_any_query_on_the_event_list_gets_a_page_or_a_4xx(
    api: Api, params: dict[str, str]
) -> None:
    response = await api.client.get("/events", params=params)

    assert_handled(response)
    if response.status_code == 200:
        assert set(response.json()) == {"items", "page", "size", "total", "total_is_exact"}
