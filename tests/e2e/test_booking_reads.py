"""Reading bookings: GET /bookings/{id}, /my/bookings, /users/{id}/bookings,
/events/{id}/bookings and /events/{id}/stats, with who may read what."""

from uuid import uuid4

from tests.e2e.api import Api, Caller, assert_problem


async def test_the_booker_and_an_admin_read_a_booking(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin)
    booking = await api.book(customer, event["id"], 2)
    url = f"/bookings/{booking['id']}"

    by_booker = await api.client.get(url, headers=customer.headers)
    by_admin = await api.client.get(url, headers=admin.headers)

    assert by_booker.status_code == by_admin.status_code == 200
    assert by_booker.json() == by_admin.json() == booking


async def test_another_users_booking_is_404(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    event = await api.event(admin)
    booking = await api.book(customer, event["id"], 1)

    response = await api.client.get(f"/bookings/{booking['id']}", headers=other_customer.headers)

    assert assert_problem(response, 404)["detail"] == "no such booking"
    assert_problem(await api.client.get(f"/bookings/{uuid4()}", headers=customer.headers), 404)
    assert_problem(await api.client.get(f"/bookings/{booking['id']}"), 401)


async def test_my_bookings_are_mine_only_newest_first_page_by_page(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    event = await api.event(admin, capacity=50)
    ids = [(await api.book(customer, event["id"], q))["id"] for q in (1, 2, 3)]
    await api.book(other_customer, event["id"], 4)

    first = await api.client.get("/my/bookings", params={"size": 2}, headers=customer.headers)
    second = await api.client.get(
        "/my/bookings", params={"size": 2, "page": 2}, headers=customer.headers
    )

    assert [b["id"] for b in first.json()["items"]] == [ids[2], ids[1]]
    assert [b["id"] for b in second.json()["items"]] == [ids[0]]
    assert (first.json()["total"], first.json()["size"], second.json()["page"]) == (3, 2, 2)
    assert_problem(await api.client.get("/my/bookings"), 401)


async def test_a_users_bookings_are_for_themself_or_an_admin(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    event = await api.event(admin)
    booking = await api.book(customer, event["id"], 1)
    url = f"/users/{customer.id}/bookings"

    by_self = await api.client.get(url, headers=customer.headers)
    by_admin = await api.client.get(url, headers=admin.headers)
    by_other = await api.client.get(url, headers=other_customer.headers)

    assert [b["id"] for b in by_self.json()["items"]] == [booking["id"]]
    assert by_admin.json() == by_self.json()
    assert_problem(by_other, 403)
    assert_problem(await api.client.get(url), 401)


async def test_an_unknown_users_bookings_are_404_for_an_admin(api: Api, admin: Caller) -> None:
    response = await api.client.get(f"/users/{uuid4()}/bookings", headers=admin.headers)

    assert assert_problem(response, 404)["detail"] == "no such user"


async def test_an_events_bookings_are_for_its_owner_or_an_admin(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    event = await api.event(admin, capacity=20)
    mine = await api.book(customer, event["id"], 1)
    theirs = await api.book(other_customer, event["id"], 2)
    url = f"/events/{event['id']}/bookings"

    listed = await api.client.get(url, headers=admin.headers)

    assert [b["id"] for b in listed.json()["items"]] == [theirs["id"], mine["id"]]
    assert listed.json()["total"] == 2
    assert_problem(await api.client.get(url, headers=customer.headers), 403)
    assert_problem(await api.client.get(url), 401)
    assert_problem(await api.client.get(f"/events/{uuid4()}/bookings", headers=admin.headers), 404)


async def test_stats_count_bookings_tickets_registrations_and_revenue(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    event = await api.event(admin, capacity=20, price="250.50", currency="EUR")
    await api.book(customer, event["id"], 3)
    cancelled = await api.book(other_customer, event["id"], 2)
    await api.book(other_customer, event["id"], 1)
    await api.client.post(f"/bookings/{cancelled['id']}/cancel", headers=other_customer.headers)
    await api.register(event["id"], "Asha", "asha@example.com")

    stats = await api.stats(admin, event["id"])

    assert stats == {
        "event_id": event["id"],
        "bookings": 2,
        "cancelled_bookings": 1,
        "tickets_sold": 4,
        "registrations": 1,
        "revenue": "1002.00",
        "currency": "EUR",
        "seats_taken": 5,
        "capacity": 20,
        "bookable": True,
    }


async def test_stats_are_for_the_owner_or_an_admin(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin)
    url = f"/events/{event['id']}/stats"

    assert_problem(await api.client.get(url, headers=customer.headers), 403)
    assert_problem(await api.client.get(url), 401)
    assert_problem(await api.client.get(f"/events/{uuid4()}/stats", headers=admin.headers), 404)
    empty = await api.stats(admin, event["id"])
    assert (empty["bookings"], empty["revenue"], empty["seats_taken"]) == (0, "0.00", 0)
