"""Saving a Ticketmaster event by its Ticketmaster id: fetched and stored when unknown."""

import pytest

from boxoffice.entrypoints.settings import (
    DatabaseSettings,
    IdentitySettings,
    Settings,
    TicketmasterSettings,
)
from tests.e2e.api import JWT_SECRET, Api, Caller, assert_problem
from tests.fake_ticketmaster import API_KEY, FakeApi

KNOWN = "1Av8ZfaGkwmkMSH"  # an event the fake API serves (recorded, so it may be over)
EVER = {"from": "2000-01-01T00:00:00"}  # like /events, /my/events hides what is over by default


@pytest.fixture
def settings(database_url: str, fake_api: FakeApi) -> Settings:
    return Settings(
        database=DatabaseSettings(url=database_url, pool_size=2),
        identity=IdentitySettings(bcrypt_rounds=4, jwt_secret=JWT_SECRET),
        ticketmaster=TicketmasterSettings(
            base_url=fake_api.base_url, api_key=API_KEY, requests_per_second=50
        ),
    )


async def test_an_unstored_ticketmaster_id_is_fetched_once_stored_and_saved(
    api: Api, customer: Caller, other_customer: Caller, fake_api: FakeApi
) -> None:
    first = await api.client.post(f"/events/{KNOWN}/save", headers=customer.headers)
    again = await api.client.post(f"/events/{KNOWN}/save", headers=customer.headers)
    theirs = await api.client.post(f"/events/{KNOWN}/save", headers=other_customer.headers)

    assert (first.status_code, again.status_code, theirs.status_code) == (201, 200, 201)
    body = first.json()
    assert (body["source"], body["saved"], body["listing"]["external_id"]) == (
        "ticketmaster",
        True,
        KNOWN,
    )
    assert again.json()["id"] == theirs.json()["id"] == body["id"]
    assert len(fake_api.requests()) == 1  # later saves found it stored
    by_uuid = await api.client.post(f"/events/{body['id']}/save", headers=customer.headers)
    assert by_uuid.status_code == 200
    mine = (await api.client.get("/my/events", params=EVER, headers=customer.headers)).json()
    assert [e["id"] for e in mine["items"]] == [body["id"]]
    unsave = await api.client.delete(f"/events/{KNOWN}/save", headers=customer.headers)
    assert unsave.status_code == 204
    assert (await api.client.get("/my/events", params=EVER, headers=customer.headers)).json()[
        "total"
    ] == 0


async def test_an_id_ticketmaster_does_not_know_is_404(
    api: Api, customer: Caller, fake_api: FakeApi
) -> None:
    response = await api.client.post("/events/NoSuchEvent123/save", headers=customer.headers)

    assert_problem(response, 404)


async def test_ticketmaster_being_down_is_a_503_problem_and_saves_nothing(
    api: Api, customer: Caller, fake_api: FakeApi
) -> None:
    fake_api.fault(*[{"status": 503}] * 4)

    response = await api.client.post(f"/events/{KNOWN}/save", headers=customer.headers)

    body = assert_problem(response, 503)
    assert API_KEY not in body["detail"]
    assert (await api.client.get("/my/events", params=EVER, headers=customer.headers)).json()[
        "total"
    ] == 0
