"""Booking and cancelling tickets: POST /bookings, POST /bookings/{id}/cancel."""

import dataclasses
from datetime import timedelta
from uuid import uuid4

from tests.builders import a_user
from tests.e2e.api import Api, Caller, ShiftableClock, assert_problem


async def test_a_booking_sells_seats_as_tickets_at_an_exact_total(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=10, price="333.33")

    booking = await api.book(customer, event["id"], 3)

    assert (booking["event_id"], booking["user_id"]) == (event["id"], customer.id)
    assert (booking["quantity"], booking["unit_price"]) == (3, "333.33")
    assert (booking["total_amount"], booking["currency"]) == ("999.99", "INR")
    assert (booking["status"], booking["cancelled_at"]) == ("confirmed", None)
    assert booking["booked_at"].endswith("+05:30")
    assert [t["status"] for t in booking["tickets"]] == ["active"] * 3
    assert len({t["code"] for t in booking["tickets"]}) == 3
    assert await api.seats_available(event["id"]) == 7


async def test_booking_more_seats_than_are_left_is_409_and_sells_nothing(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=4)
    await api.book(customer, event["id"], 3)

    response = await api.book_raw(customer, event["id"], 2)

    body = assert_problem(response, 409)
    assert body["type"].endswith("not-enough-seats")
    assert body["seats_available"] == 1
    assert await api.seats_available(event["id"]) == 1
    mine = await api.client.get("/my/bookings", headers=customer.headers)
    assert mine.json()["total"] == 1


async def test_the_last_seats_can_be_booked_exactly(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=10)

    await api.book(customer, event["id"], 10)

    assert await api.seats_available(event["id"]) == 0
    assert_problem(await api.book_raw(customer, event["id"], 1), 409)


async def test_a_quantity_outside_one_to_ten_is_refused(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=50)

    for quantity in (0, -1, 11, 1000):
        assert_problem(await api.book_raw(customer, event["id"], quantity), 400, "quantity")
    assert await api.seats_available(event["id"]) == 50


async def test_an_event_that_is_not_active_sells_nothing(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin)
    await api.client.patch(
        f"/events/{event['id']}", json={"status": "completed"}, headers=admin.headers
    )

    response = await api.book_raw(customer, event["id"], 1)

    assert assert_problem(response, 409)["type"].endswith("event-not-open")
    assert (await api.client.get("/my/bookings", headers=customer.headers)).json()["total"] == 0


async def test_an_event_that_has_started_sells_nothing_and_keeps_its_bookings(
    api: Api, admin: Caller, customer: Caller, clock: ShiftableClock
) -> None:
    start = clock.now() + timedelta(hours=1)
    event = await api.event(
        admin, start_time=start.isoformat(), end_time=(start + timedelta(hours=2)).isoformat()
    )
    booking = await api.book(customer, event["id"], 1)

    clock.advance(timedelta(hours=1, seconds=1))
    # An hour on, the customer's first token has expired too: they sign in again.
    customer = dataclasses.replace(customer, token=await api.login(customer.username))
    late_booking = await api.book_raw(customer, event["id"], 1)
    late_cancel = await api.client.post(
        f"/bookings/{booking['id']}/cancel", headers=customer.headers
    )

    assert_problem(late_booking, 409)
    assert_problem(late_cancel, 409)
    kept = await api.client.get(f"/bookings/{booking['id']}", headers=customer.headers)
    assert kept.json()["status"] == "confirmed"


async def test_booking_an_unknown_event_is_404(api: Api, customer: Caller) -> None:
    assert_problem(await api.book_raw(customer, str(uuid4()), 1), 404)


async def test_booking_needs_a_valid_token(api: Api, admin: Caller) -> None:
    event = await api.event(admin)
    body = {"event_id": event["id"], "quantity": 1}

    for headers in ({}, {"Authorization": "Bearer not.a.jwt"}, {"Authorization": "Basic abc"}):
        response = await api.client.post("/bookings", json=body, headers=headers)
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"
    assert await api.seats_available(event["id"]) == event["capacity"]


async def test_cancelling_frees_the_seats_and_cancels_the_tickets(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=5)
    booking = await api.book(customer, event["id"], 2)

    response = await api.client.post(f"/bookings/{booking['id']}/cancel", headers=customer.headers)

    assert response.status_code == 200, response.text
    cancelled = response.json()
    assert (cancelled["id"], cancelled["status"]) == (booking["id"], "cancelled")
    assert cancelled["cancelled_at"].endswith("+05:30")
    assert [t["status"] for t in cancelled["tickets"]] == ["cancelled", "cancelled"]
    assert [t["code"] for t in cancelled["tickets"]] == [t["code"] for t in booking["tickets"]]
    assert await api.seats_available(event["id"]) == 5
    stats = await api.stats(admin, event["id"])
    assert (stats["bookings"], stats["cancelled_bookings"], stats["tickets_sold"]) == (0, 1, 0)


async def test_cancelling_twice_is_harmless_and_frees_the_seats_once(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=5)
    booking = await api.book(customer, event["id"], 2)
    await api.book(customer, event["id"], 1)
    url = f"/bookings/{booking['id']}/cancel"

    first = await api.client.post(url, headers=customer.headers)
    second = await api.client.post(url, headers=customer.headers)

    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json() == first.json()
    assert await api.seats_available(event["id"]) == 4


async def test_an_admin_may_cancel_anyones_booking(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=5)
    booking = await api.book(customer, event["id"], 2)

    response = await api.client.post(f"/bookings/{booking['id']}/cancel", headers=admin.headers)

    assert (response.status_code, response.json()["status"]) == (200, "cancelled")
    assert await api.seats_available(event["id"]) == 5


async def test_another_users_booking_cannot_be_cancelled_and_seems_not_to_exist(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    event = await api.event(admin, capacity=5)
    booking = await api.book(customer, event["id"], 2)

    response = await api.client.post(
        f"/bookings/{booking['id']}/cancel", headers=other_customer.headers
    )

    assert assert_problem(response, 404)["detail"] == "no such booking"
    still = await api.client.get(f"/bookings/{booking['id']}", headers=customer.headers)
    assert still.json()["status"] == "confirmed"
    assert await api.seats_available(event["id"]) == 3


async def test_cancelling_an_unknown_booking_is_404(api: Api, customer: Caller) -> None:
    response = await api.client.post(f"/bookings/{uuid4()}/cancel", headers=customer.headers)

    assert_problem(response, 404)
    assert_problem(await api.client.post(f"/bookings/{uuid4()}/cancel"), 401)


async def test_a_token_whose_account_no_longer_exists_books_nothing_and_is_401(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin, capacity=4)
    ghost = a_user("ghost")  # signed by the service, but never stored
    token = api.app.state.container.identity.tokens().issue(ghost).token

    response = await api.client.post(
        "/bookings",
        json={"event_id": event["id"], "quantity": 2},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert_problem(response, 401)
    assert await api.seats_available(event["id"]) == 4
