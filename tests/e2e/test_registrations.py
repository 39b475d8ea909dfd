"""Registering attendees by name and e-mail, and listing them: /events/{id}/register, /attendees."""

from datetime import timedelta
from uuid import uuid4

from tests.e2e.api import Api, Caller, ShiftableClock, assert_problem


async def test_anyone_may_register_and_takes_one_seat(api: Api, admin: Caller) -> None:
    event = await api.event(admin, capacity=5)

    response = await api.client.post(
        f"/events/{event['id']}/register", json={"name": " Asha Rao ", "email": "Asha@Example.com"}
    )

    assert response.status_code == 201, response.text
    registration = response.json()
    assert registration["event_id"] == event["id"]
    assert (registration["name"], registration["email"]) == ("Asha Rao", "Asha@Example.com")
    assert registration["registered_at"].endswith("+05:30")
    assert await api.seats_available(event["id"]) == 4


async def test_the_same_email_registers_once_whatever_its_case(api: Api, admin: Caller) -> None:
    event = await api.event(admin, capacity=5)
    await api.register(event["id"], "Asha", "asha@example.com")

    response = await api.client.post(
        f"/events/{event['id']}/register", json={"name": "Asha again", "email": "ASHA@example.COM"}
    )

    assert assert_problem(response, 409)["type"].endswith("already-registered")
    assert await api.seats_available(event["id"]) == 4
    other_event = await api.event(admin, title="Another night")
    await api.register(other_event["id"], "Asha", "ASHA@example.com")


async def test_a_full_event_refuses_registrations(api: Api, admin: Caller) -> None:
    event = await api.event(admin, capacity=1)
    await api.register(event["id"], "Asha", "asha@example.com")

    response = await api.client.post(
        f"/events/{event['id']}/register", json={"name": "Ben", "email": "ben@example.com"}
    )

    body = assert_problem(response, 409)
    assert body["type"].endswith("not-enough-seats")
    assert body["seats_available"] == 0
    attendees = await api.client.get(f"/events/{event['id']}/attendees", headers=admin.headers)
    assert attendees.json()["total"] == 1


async def test_an_already_registered_email_is_told_so_even_when_the_event_is_full(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin, capacity=1)
    await api.register(event["id"], "Asha", "asha@example.com")

    response = await api.client.post(
        f"/events/{event['id']}/register", json={"name": "Asha", "email": "asha@example.com"}
    )

    assert assert_problem(response, 409)["type"].endswith("already-registered")


async def test_registrations_and_bookings_share_the_capacity(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=3)
    await api.book(customer, event["id"], 2)
    await api.register(event["id"], "Asha", "asha@example.com")

    late_registration = await api.client.post(
        f"/events/{event['id']}/register", json={"name": "Ben", "email": "ben@example.com"}
    )
    late_booking = await api.book_raw(customer, event["id"], 1)

    assert_problem(late_registration, 409)
    assert_problem(late_booking, 409)
    stats = await api.stats(admin, event["id"])
    assert (stats["seats_taken"], stats["registrations"], stats["tickets_sold"]) == (3, 1, 2)


async def test_an_event_that_is_not_active_refuses_registrations(api: Api, admin: Caller) -> None:
    completed = await api.event(admin, title="Done")
    await api.client.patch(
        f"/events/{completed['id']}", json={"status": "completed"}, headers=admin.headers
    )

    response = await api.client.post(
        f"/events/{completed['id']}/register", json={"name": "Asha", "email": "asha@example.com"}
    )

    assert assert_problem(response, 409)["type"].endswith("event-not-open")
    assert await api.seats_available(completed["id"]) == completed["capacity"]


async def test_an_event_that_has_started_refuses_registrations(
    api: Api, admin: Caller, clock: ShiftableClock
) -> None:
    start = clock.now() + timedelta(hours=1)
    event = await api.event(
        admin, start_time=start.isoformat(), end_time=(start + timedelta(hours=2)).isoformat()
    )

    clock.advance(timedelta(hours=1, minutes=1))
    response = await api.client.post(
        f"/events/{event['id']}/register", json={"name": "Asha", "email": "asha@example.com"}
    )

    assert_problem(response, 409)


async def test_registering_for_an_unknown_event_is_404(api: Api) -> None:
    response = await api.client.post(
        f"/events/{uuid4()}/register", json={"name": "Asha", "email": "asha@example.com"}
    )

    assert_problem(response, 404)


async def test_a_registration_needs_a_name_and_a_valid_email(api: Api, admin: Caller) -> None:
    event = await api.event(admin)
    url = f"/events/{event['id']}/register"

    assert_problem(await api.client.post(url, json={"name": "Asha"}), 400, "email")
    assert_problem(await api.client.post(url, json={"name": "", "email": "a@b.io"}), 400, "name")
    assert_problem(await api.client.post(url, json={"name": "   ", "email": "a@b.io"}), 422, "name")
    assert_problem(
        await api.client.post(url, json={"name": "Asha", "email": "not-an-address"}), 422, "email"
    )
    assert_problem(
        await api.client.post(url, json={"name": "A" * 101, "email": "a@b.io"}), 400, "name"
    )
    assert await api.seats_available(event["id"]) == event["capacity"]


async def test_attendees_are_listed_in_order_of_registration_page_by_page(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin)
    for name in ("Asha", "Ben", "Chen"):
        await api.register(event["id"], name, f"{name.lower()}@example.com")
    url = f"/events/{event['id']}/attendees"

    first = (await api.client.get(url, params={"size": 2}, headers=admin.headers)).json()
    second = (
        await api.client.get(url, params={"size": 2, "page": 2}, headers=admin.headers)
    ).json()

    assert [a["name"] for a in first["items"]] == ["Asha", "Ben"]
    assert [a["email"] for a in second["items"]] == ["chen@example.com"]
    assert (first["total"], first["size"], second["page"]) == (3, 2, 2)


async def test_attendees_are_personal_data_for_the_owner_or_an_admin_only(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin)
    await api.register(event["id"], "Asha", "asha@example.com")
    url = f"/events/{event['id']}/attendees"

    assert_problem(await api.client.get(url, headers=customer.headers), 403)
    anonymous = await api.client.get(url)
    assert_problem(anonymous, 401)
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert_problem(await api.client.get(f"/events/{uuid4()}/attendees", headers=admin.headers), 404)
