"""`Idempotency-Key` on POST /bookings: a retried request books nothing twice."""

from tests.e2e.api import Api, Caller, assert_problem


async def test_a_retry_with_the_same_key_returns_the_first_booking(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=10)

    first = await api.book_raw(customer, event["id"], 2, key="order-42")
    retry = await api.book_raw(customer, event["id"], 2, key="order-42")

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert "idempotent-replayed" not in first.headers
    assert retry.headers["idempotent-replayed"] == "true"
    assert await api.seats_available(event["id"]) == 8
    mine = (await api.client.get("/my/bookings", headers=customer.headers)).json()
    assert [b["id"] for b in mine["items"]] == [first.json()["id"]]


async def test_reusing_a_key_for_a_different_request_is_409_and_books_nothing(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=10)
    other_event = await api.event(admin, title="Other night", capacity=10)
    await api.book(customer, event["id"], 2, key="order-42")

    more = await api.book_raw(customer, event["id"], 3, key="order-42")
    elsewhere = await api.book_raw(customer, other_event["id"], 2, key="order-42")

    assert assert_problem(more, 409)["detail"].startswith("this Idempotency-Key")
    assert_problem(elsewhere, 409)
    assert await api.seats_available(event["id"]) == 8
    assert await api.seats_available(other_event["id"]) == 10


async def test_keys_belong_to_one_user(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    event = await api.event(admin, capacity=10)

    mine = await api.book(customer, event["id"], 1, key="same-key")
    theirs = await api.book(other_customer, event["id"], 1, key="same-key")

    assert mine["id"] != theirs["id"]
    assert (mine["user_id"], theirs["user_id"]) == (customer.id, other_customer.id)
    assert await api.seats_available(event["id"]) == 8


async def test_a_retry_after_the_booking_was_refused_books_once_seats_are_free(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    event = await api.event(admin, capacity=2)
    blocker = await api.book(other_customer, event["id"], 2)

    refused = await api.book_raw(customer, event["id"], 1, key="try-again")
    await api.client.post(f"/bookings/{blocker['id']}/cancel", headers=other_customer.headers)
    accepted = await api.book_raw(customer, event["id"], 1, key="try-again")

    assert_problem(refused, 409)
    assert accepted.status_code == 201
    assert "idempotent-replayed" not in accepted.headers
    assert await api.seats_available(event["id"]) == 1


async def test_an_empty_or_oversized_key_is_400(api: Api, admin: Caller, customer: Caller) -> None:
    event = await api.event(admin, capacity=10)
    body = {"event_id": event["id"], "quantity": 1}

    for key in ("", "k" * 201):
        response = await api.client.post(
            "/bookings", json=body, headers=customer.headers | {"Idempotency-Key": key}
        )
        assert_problem(response, 400, "Idempotency-Key")
    assert await api.seats_available(event["id"]) == 10
