"""Changing and removing events: PUT, PATCH and DELETE /events/{id} (owner or admin)."""

from uuid import uuid4

from tests.e2e.api import Api, Caller, assert_problem, event_body


async def test_put_replaces_the_whole_event(api: Api, admin: Caller) -> None:
    event = await api.event(admin, tags=["music", "live"])
    replacement = event_body(title="Indie Night II", capacity=25, price="99.90", currency="usd")
    del replacement["description"], replacement["tags"]

    response = await api.client.put(
        f"/events/{event['id']}", json=replacement, headers=admin.headers
    )

    assert response.status_code == 200, response.text
    replaced = response.json()
    assert (replaced["title"], replaced["capacity"], replaced["seats_available"]) == (
        "Indie Night II",
        25,
        25,
    )
    assert (replaced["price"], replaced["currency"]) == ("99.90", "USD")
    assert (replaced["description"], replaced["tags"]) == ("", [])
    assert (replaced["id"], replaced["created_by"]) == (event["id"], admin.id)
    assert await api.get_event(event["id"]) == replaced


async def test_put_without_a_required_field_is_400_and_changes_nothing(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin)
    partial = {"title": "Only a title"}

    response = await api.client.put(f"/events/{event['id']}", json=partial, headers=admin.headers)

    assert_problem(response, 400)
    assert await api.get_event(event["id"]) == event


async def test_patch_changes_only_the_fields_given(api: Api, admin: Caller) -> None:
    event = await api.event(admin)

    response = await api.client.patch(
        f"/events/{event['id']}",
        json={"title": "Indie Night (moved)", "end_time": "2030-06-15T23:30:00"},
        headers=admin.headers,
    )

    assert response.status_code == 200, response.text
    expected = event | {"title": "Indie Night (moved)", "end_time": "2030-06-15T23:30:00+05:30"}
    assert response.json() == expected
    assert await api.get_event(event["id"]) == expected


async def test_capacity_can_never_drop_below_the_seats_taken(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=10)
    await api.book(customer, event["id"], 3)
    url = f"/events/{event['id']}"

    too_small = await api.client.patch(url, json={"capacity": 2}, headers=admin.headers)
    replaced_too_small = await api.client.put(
        url, json=event_body(capacity=2), headers=admin.headers
    )
    exact = await api.client.patch(url, json={"capacity": 3}, headers=admin.headers)

    assert assert_problem(too_small, 409)["type"].endswith("capacity-below-seats-taken")
    assert_problem(replaced_too_small, 409)
    assert exact.status_code == 200, exact.text
    assert (exact.json()["capacity"], exact.json()["seats_available"]) == (3, 0)


async def test_an_event_may_not_be_moved_into_the_past(api: Api, admin: Caller) -> None:
    event = await api.event(admin)

    response = await api.client.patch(
        f"/events/{event['id']}",
        json={"start_time": "2021-01-01T10:00:00", "end_time": "2021-01-01T12:00:00"},
        headers=admin.headers,
    )

    assert_problem(response, 422, "start_time")
    assert await api.get_event(event["id"]) == event


async def test_patching_status_to_cancelled_cancels_its_bookings_and_tickets(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin)
    booking = await api.book(customer, event["id"], 2)

    response = await api.client.patch(
        f"/events/{event['id']}", json={"status": "cancelled"}, headers=admin.headers
    )

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "cancelled"
    after = (await api.client.get(f"/bookings/{booking['id']}", headers=customer.headers)).json()
    assert after["status"] == "cancelled"
    assert [t["status"] for t in after["tickets"]] == ["cancelled", "cancelled"]


async def test_a_cancelled_event_cannot_be_changed_again(api: Api, admin: Caller) -> None:
    event = await api.event(admin)
    url = f"/events/{event['id']}"
    await api.client.patch(url, json={"status": "cancelled"}, headers=admin.headers)

    revived = await api.client.patch(url, json={"status": "active"}, headers=admin.headers)
    renamed = await api.client.patch(url, json={"title": "Back on"}, headers=admin.headers)

    assert_problem(revived, 409)
    assert_problem(renamed, 409)
    assert (await api.get_event(event["id"]))["title"] == "Indie Night"


async def test_deleting_an_event_nobody_booked_removes_it(api: Api, admin: Caller) -> None:
    event = await api.event(admin)

    response = await api.client.delete(f"/events/{event['id']}", headers=admin.headers)

    assert response.status_code == 204
    assert response.content == b""
    assert_problem(await api.client.get(f"/events/{event['id']}"), 404)
    listed = (await api.client.get("/events", params={"status": "cancelled"})).json()
    assert listed["total"] == 0


async def test_deleting_a_booked_event_cancels_it_with_its_bookings_and_tickets(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, price="100.00")
    booking = await api.book(customer, event["id"], 2)

    response = await api.client.delete(f"/events/{event['id']}", headers=admin.headers)

    assert response.status_code == 200, response.text
    assert (response.json()["id"], response.json()["status"]) == (event["id"], "cancelled")
    assert (await api.get_event(event["id"]))["status"] == "cancelled"
    after = (await api.client.get(f"/bookings/{booking['id']}", headers=customer.headers)).json()
    assert after["status"] == "cancelled"
    assert {t["status"] for t in after["tickets"]} == {"cancelled"}
    stats = await api.stats(admin, event["id"])
    assert (stats["bookings"], stats["cancelled_bookings"], stats["tickets_sold"]) == (0, 1, 0)
    assert stats["revenue"] == "0.00"
    assert_problem(await api.book_raw(customer, event["id"]), 409)


async def test_deleting_an_event_with_registrations_cancels_it(api: Api, admin: Caller) -> None:
    event = await api.event(admin)
    await api.register(event["id"], "Asha", "asha@example.com")

    first = await api.client.delete(f"/events/{event['id']}", headers=admin.headers)
    again = await api.client.delete(f"/events/{event['id']}", headers=admin.headers)

    assert (first.status_code, first.json()["status"]) == (200, "cancelled")
    assert (again.status_code, again.json()["status"]) == (200, "cancelled")
    registration = await api.client.post(
        f"/events/{event['id']}/register", json={"name": "Ben", "email": "ben@example.com"}
    )
    assert_problem(registration, 409)


async def test_a_customer_may_not_change_or_delete_an_admins_event(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin)
    url = f"/events/{event['id']}"

    put = await api.client.put(url, json=event_body(title="Mine"), headers=customer.headers)
    patch = await api.client.patch(url, json={"title": "Mine"}, headers=customer.headers)
    delete = await api.client.delete(url, headers=customer.headers)

    for response in (put, patch, delete):
        assert_problem(response, 403)
    assert await api.get_event(event["id"]) == event


async def test_changing_an_event_needs_a_token(api: Api, admin: Caller) -> None:
    event = await api.event(admin)
    url = f"/events/{event['id']}"

    for response in (
        await api.client.put(url, json=event_body()),
        await api.client.patch(url, json={"title": "x"}),
        await api.client.delete(url),
    ):
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"
    assert await api.get_event(event["id"]) == event


async def test_changing_an_unknown_event_is_404(api: Api, admin: Caller) -> None:
    url = f"/events/{uuid4()}"

    put = await api.client.put(url, json=event_body(), headers=admin.headers)
    patch = await api.client.patch(url, json={"title": "x"}, headers=admin.headers)
    delete = await api.client.delete(url, headers=admin.headers)

    for response in (put, patch, delete):
        assert_problem(response, 404)
