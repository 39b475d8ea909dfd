"""Event lists and pages carry a weak ETag (304 for a client that has the answer), are cached
briefly for anonymous callers only, and a write shows at once in the next read."""

from datetime import UTC, datetime, timedelta

from tests.builders import an_event
from tests.e2e.api import Api, Caller
from tests.e2e.test_saved_events import save


async def test_a_client_that_has_the_list_gets_304_until_it_changes(
    api: Api, admin: Caller
) -> None:
    await api.event(admin, title="First")
    first = await api.client.get("/events")
    etag = first.headers["ETag"]

    again = await api.client.get("/events", headers={"If-None-Match": etag})
    await api.event(admin, title="Second")
    changed = await api.client.get("/events", headers={"If-None-Match": etag})

    assert etag.startswith('W/"')
    assert first.headers["Cache-Control"] == "no-cache"
    assert (again.status_code, again.content, again.headers["ETag"]) == (304, b"", etag)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert sorted(e["title"] for e in changed.json()["items"]) == ["First", "Second"]


async def test_an_event_page_answers_304_to_its_etag_strong_or_weak(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin)
    url = f"/events/{event['id']}"
    etag = (await api.client.get(url)).headers["ETag"]

    for sent in (etag, etag.removeprefix("W/"), f'"other", {etag}', "*"):
        assert (await api.client.get(url, headers={"If-None-Match": sent})).status_code == 304
    assert (await api.client.get(url, headers={"If-None-Match": '"other"'})).status_code == 200
    other_zone = await api.client.get(url, params={"tz": "UTC"}, headers={"If-None-Match": etag})
    assert other_zone.status_code == 200  # another answer: times in another zone


async def test_a_change_through_the_api_shows_in_the_next_read_though_cached(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin, capacity=10)
    assert (await api.get_event(event["id"]))["seats_available"] == 10
    listed = (await api.client.get("/events")).json()["items"]
    assert listed[0]["seats_available"] == 10

    await api.book(customer, event["id"], 2)

    assert (await api.get_event(event["id"]))["seats_available"] == 8
    assert (await api.client.get("/events")).json()["items"][0]["seats_available"] == 8


async def test_a_change_from_elsewhere_shows_within_a_second(api: Api) -> None:
    assert (await api.client.get("/events")).json()["items"] == []
    async with (
        api.app.state.container.infrastructure.uow() as uow
    ):  # as the worker or another process would
        await uow.events.add(an_event(datetime.now(UTC), starts_in=timedelta(days=1)))
        await uow.commit()
    deadline = datetime.now(UTC) + timedelta(seconds=3)
    while not (await api.client.get("/events")).json()["items"]:
        assert datetime.now(UTC) < deadline, "the new event did not show within the cache's life"


async def test_a_signed_in_answer_is_never_served_to_anyone_else(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    event = await api.event(admin)
    await save(api, customer, event["id"])

    anonymous_before = await api.client.get("/events")
    mine = await api.client.get("/events", headers=customer.headers)
    theirs = await api.client.get("/events", headers=other_customer.headers)
    anonymous_after = await api.client.get("/events")

    assert [e["saved"] for e in mine.json()["items"]] == [True]
    assert [e["saved"] for e in theirs.json()["items"]] == [False]
    for anonymous in (anonymous_before, anonymous_after):
        assert "saved" not in anonymous.json()["items"][0]
        assert anonymous.headers["Cache-Control"] == "no-cache"
    assert mine.headers["Cache-Control"] == "private, no-cache"
    assert mine.headers["Vary"] == "Authorization"
    assert mine.headers["ETag"] != theirs.headers["ETag"]
