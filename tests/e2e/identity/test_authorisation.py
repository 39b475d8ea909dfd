"""Roles and owners decide, whoever issued the token: a provider customer on every admin route
is 403, and nobody reaches another user's bookings."""

import httpx
import pytest

from tests.e2e.api import Api, Caller, assert_problem, event_body
from tests.e2e.identity.conftest import bearer, token_for
from tests.signing_provider import SigningProvider

EVENT = "{event}"
ADMIN_ROUTES = [
    ("GET", "/users", None),
    ("POST", "/users", {"username": "door_staff", "email": "door@example.com", "role": "admin"}),
    ("POST", "/events", event_body()),
    ("PUT", f"/events/{EVENT}", event_body()),
    ("PATCH", f"/events/{EVENT}", {"capacity": 99}),
    ("DELETE", f"/events/{EVENT}", None),
    ("GET", f"/events/{EVENT}/stats", None),
    ("GET", f"/events/{EVENT}/attendees", None),
    ("GET", f"/events/{EVENT}/bookings", None),
]


@pytest.fixture(params=["local", "provider"])
async def customer_headers(
    request: pytest.FixtureRequest, customer: Caller, provider: SigningProvider
) -> dict[str, str]:
    """A customer signed in with a password, or through the provider."""
    if request.param == "local":
        return customer.headers
    return bearer(token_for(provider, sub="cust", realm_access={"roles": ["customer"]}))


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ROUTES)
async def test_a_customer_on_an_admin_route_is_403(
    api: Api,
    admin: Caller,
    customer_headers: dict[str, str],
    method: str,
    path: str,
    body: dict[str, object] | None,
) -> None:
    event = await api.event(admin)

    response = await api.client.request(
        method, path.replace(EVENT, event["id"]), json=body, headers=customer_headers
    )

    assert_problem(response, 403)
    assert await api.seats_available(event["id"]) == event["capacity"]


async def test_nobody_reads_or_cancels_another_users_booking(
    api: Api, admin: Caller, customer: Caller, provider: SigningProvider
) -> None:
    event = await api.event(admin)
    booking = await api.book(customer, event["id"], 2)
    intruder = bearer(token_for(provider, sub="intruder"))

    read = await api.client.get(f"/bookings/{booking['id']}", headers=intruder)
    cancel = await api.client.post(f"/bookings/{booking['id']}/cancel", headers=intruder)
    listing = await api.client.get(f"/users/{customer.id}/bookings", headers=intruder)

    assert_problem(read, 404)
    assert_problem(cancel, 404)
    assert_problem(listing, 403)
    assert await api.seats_available(event["id"]) == event["capacity"] - 2


async def test_a_provider_user_reads_and_cancels_only_their_own_bookings(
    api: Api, admin: Caller, client: httpx.AsyncClient, provider: SigningProvider
) -> None:
    event = await api.event(admin)
    mine = bearer(token_for(provider, sub="owner"))
    me = (await client.get("/auth/me", headers=mine)).json()
    booked = await client.post(
        "/bookings", json={"event_id": event["id"], "quantity": 1}, headers=mine
    )

    own_list = await client.get(f"/users/{me['id']}/bookings", headers=mine)
    cancelled = await client.post(f"/bookings/{booked.json()['id']}/cancel", headers=mine)

    assert own_list.status_code == 200
    assert cancelled.status_code == 200, cancelled.text
    assert await api.seats_available(event["id"]) == event["capacity"]
