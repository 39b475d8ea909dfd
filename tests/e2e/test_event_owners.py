"""With BOXOFFICE_OPEN_EVENT_CREATION=true any signed-in user publishes events and owns them."""

import pytest

from boxoffice.domain.users import Role
from tests.e2e.api import Api, Caller, assert_problem, event_body


@pytest.fixture
def open_event_creation() -> bool:
    return True


@pytest.fixture
async def owner(api: Api) -> Caller:
    return await api.user(Role.CUSTOMER, "organiser")


async def test_any_signed_in_user_may_publish_an_event_they_then_own(
    api: Api, owner: Caller
) -> None:
    event = await api.event(owner, title="Book Club")

    assert event["created_by"] == owner.id
    assert (await api.get_event(event["id"]))["created_by"] == owner.id


async def test_publishing_still_needs_a_token(api: Api) -> None:
    assert_problem(await api.client.post("/events", json=event_body()), 401)


async def test_the_owner_manages_their_event(api: Api, owner: Caller, customer: Caller) -> None:
    event = await api.event(owner, price="50.00")
    url = f"/events/{event['id']}"
    booking = await api.book(customer, event["id"], 2)
    await api.register(event["id"], "Asha", "asha@example.com")

    patched = await api.client.patch(url, json={"title": "Book Club"}, headers=owner.headers)
    replaced = await api.client.put(
        url, json=event_body(title="Book Club 2"), headers=owner.headers
    )
    attendees = await api.client.get(f"{url}/attendees", headers=owner.headers)
    bookings = await api.client.get(f"{url}/bookings", headers=owner.headers)
    stats = await api.client.get(f"{url}/stats", headers=owner.headers)
    deleted = await api.client.delete(url, headers=owner.headers)

    assert (patched.status_code, patched.json()["title"]) == (200, "Book Club")
    assert (replaced.status_code, replaced.json()["title"]) == (200, "Book Club 2")
    assert [a["email"] for a in attendees.json()["items"]] == ["asha@example.com"]
    assert [b["id"] for b in bookings.json()["items"]] == [booking["id"]]
    assert (stats.json()["bookings"], stats.json()["revenue"]) == (1, "100.00")
    assert (deleted.status_code, deleted.json()["status"]) == (200, "cancelled")


async def test_another_user_may_not_manage_someone_elses_event(
    api: Api, owner: Caller, customer: Caller
) -> None:
    event = await api.event(owner)
    url = f"/events/{event['id']}"
    headers = customer.headers

    responses = [
        await api.client.patch(url, json={"title": "Hijacked"}, headers=headers),
        await api.client.put(url, json=event_body(title="Hijacked"), headers=headers),
        await api.client.get(f"{url}/attendees", headers=headers),
        await api.client.get(f"{url}/bookings", headers=headers),
        await api.client.get(f"{url}/stats", headers=headers),
        await api.client.delete(url, headers=headers),
    ]

    for response in responses:
        assert_problem(response, 403)
    assert await api.get_event(event["id"]) == event


async def test_an_admin_manages_any_users_event(api: Api, owner: Caller, admin: Caller) -> None:
    event = await api.event(owner)
    url = f"/events/{event['id']}"

    patched = await api.client.patch(url, json={"capacity": 4}, headers=admin.headers)
    stats = await api.client.get(f"{url}/stats", headers=admin.headers)
    deleted = await api.client.delete(url, headers=admin.headers)

    assert (patched.status_code, patched.json()["capacity"]) == (200, 4)
    assert stats.status_code == 200
    assert deleted.status_code == 204


async def test_an_owner_may_not_manage_an_admins_event(
    api: Api, owner: Caller, admin: Caller
) -> None:
    event = await api.event(admin)

    response = await api.client.patch(
        f"/events/{event['id']}", json={"title": "Mine now"}, headers=owner.headers
    )

    assert_problem(response, 403)
    assert (await api.get_event(event["id"]))["title"] == event["title"]
