"""Anonymous registration cannot take every seat: limits per client, per event and across
events, and events whose organiser takes registrations from signed-in users only."""

import dataclasses

import pytest

from boxoffice.entrypoints.settings import Settings
from tests.e2e.api import Api, Caller, assert_problem

FORWARDED = {"X-Forwarded-For": "203.0.113.9"}  # another client, behind the trusted proxy


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return dataclasses.replace(
        settings,
        rate_limits=dataclasses.replace(
            settings.rate_limits, registrations=8, registrations_per_event=5
        ),
        http=dataclasses.replace(
            settings.http, trusted_proxies="127.0.0.1"
        ),  # the test client's address
    )


def guest(i: int) -> dict[str, str]:
    return {"name": f"Guest {i}", "email": f"made-up-{i}@example.com"}


async def test_forty_made_up_emails_from_one_address_take_only_five_seats(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin, capacity=40)
    url = f"/events/{event['id']}/register"

    responses = [await api.client.post(url, json=guest(i)) for i in range(40)]

    assert [r.status_code for r in responses] == [201] * 5 + [429] * 35
    refused = responses[-1]
    body = assert_problem(refused, 429)
    assert body["type"] == "/problems/too-many-requests"
    assert 1 <= int(refused.headers["Retry-After"]) <= 3600
    assert await api.seats_available(event["id"]) == 35
    other = await api.client.post(url, json=guest(99), headers=FORWARDED)
    assert other.status_code == 201, other.text


async def test_one_address_registers_only_so_many_times_across_all_events(
    api: Api, admin: Caller
) -> None:
    first, second = await api.event(admin), await api.event(admin, title="Second night")
    for i in range(5):
        await api.register(first["id"], f"Guest {i}", f"a{i}@example.com")
    for i in range(3):
        await api.register(second["id"], f"Guest {i}", f"b{i}@example.com")

    refused = await api.client.post(f"/events/{second['id']}/register", json=guest(8))

    assert_problem(refused, 429)
    assert await api.seats_available(second["id"]) == 10 - 3


async def test_a_signed_in_user_is_counted_as_themself_not_by_the_address(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin)
    url = f"/events/{event['id']}/register"
    for i in range(5):
        await api.register(event["id"], f"Guest {i}", f"a{i}@example.com")

    signed_in = await api.client.post(url, json=guest(7), headers=customer.headers)

    assert signed_in.status_code == 201, signed_in.text
    assert signed_in.json()["user_id"] == customer.id


async def test_an_organiser_may_take_registrations_from_signed_in_users_only(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, registration_requires_sign_in=True)
    url = f"/events/{event['id']}/register"
    assert event["registration_requires_sign_in"] is True

    anonymous = await api.client.post(url, json=guest(1))
    signed_in = await api.client.post(url, json=guest(2), headers=customer.headers)

    body = assert_problem(anonymous, 401)
    assert body["type"] == "/problems/sign-in-required"
    assert anonymous.headers["WWW-Authenticate"] == "Bearer"
    assert signed_in.status_code == 201, signed_in.text
    assert signed_in.json()["user_id"] == customer.id
    assert await api.seats_available(event["id"]) == 9
    attendees = await api.client.get(f"/events/{event['id']}/attendees", headers=admin.headers)
    assert [a["user_id"] for a in attendees.json()["items"]] == [customer.id]


async def test_the_organiser_may_open_registrations_to_everyone_again(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin, registration_requires_sign_in=True)

    patched = await api.client.patch(
        f"/events/{event['id']}",
        json={"registration_requires_sign_in": False},
        headers=admin.headers,
    )
    anonymous = await api.client.post(f"/events/{event['id']}/register", json=guest(1))

    assert patched.status_code == 200, patched.text
    assert patched.json()["registration_requires_sign_in"] is False
    assert anonymous.status_code == 201, anonymous.text
    assert anonymous.json()["user_id"] is None
    assert (await api.get_event(event["id"]))["registration_requires_sign_in"] is False
