"""Saved events over HTTP: save, unsave, /my/events, and `saved` on /events."""

import asyncio
from datetime import timedelta
from typing import Any

from tests.e2e.api import Api, Caller, ShiftableClock, assert_problem
from tests.e2e.test_queries import engines_of, statements_on


async def save(api: Api, caller: Caller, event_id: str) -> dict[str, Any]:
    response = await api.client.post(f"/events/{event_id}/save", headers=caller.headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def my_events(api: Api, caller: Caller, **params: str) -> dict[str, Any]:
    response = await api.client.get("/my/events", params=params, headers=caller.headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_saving_answers_201_then_200_with_the_event_marked_saved(
    api: Api, admin: Caller, customer: Caller, clock: ShiftableClock
) -> None:
    event = await api.event(admin)

    first = await api.client.post(f"/events/{event['id']}/save", headers=customer.headers)
    clock.advance(timedelta(minutes=5))
    second = await api.client.post(f"/events/{event['id']}/save", headers=customer.headers)

    assert (first.status_code, second.status_code) == (201, 200)
    for response in (first, second):
        body = response.json()
        assert (body["id"], body["title"], body["saved"]) == (event["id"], "Indie Night", True)
    assert first.json()["saved_at"] == second.json()["saved_at"]


async def test_saving_unsaving_and_listing_need_a_valid_token(api: Api, admin: Caller) -> None:
    event = await api.event(admin)
    bad = {"Authorization": "Bearer not-a-token"}

    for headers in ({}, bad):
        assert_problem(await api.client.post(f"/events/{event['id']}/save", headers=headers), 401)
        assert_problem(await api.client.delete(f"/events/{event['id']}/save", headers=headers), 401)
        assert_problem(await api.client.get("/my/events", headers=headers), 401)
    assert_problem(await api.client.get("/events", headers=bad), 401)


async def test_unknown_ids_of_either_kind_are_404_problems(api: Api, customer: Caller) -> None:
    for ref in ("5f3c1e9a-0000-4000-8000-000000000000", "vvG1zZ9KbkY3jK", "a%20b", "x" * 100):
        response = await api.client.post(f"/events/{ref}/save", headers=customer.headers)
        assert_problem(response, 404)
    too_long = await api.client.post(f"/events/{'x' * 101}/save", headers=customer.headers)
    assert 400 <= too_long.status_code < 500
    assert too_long.headers["content-type"].startswith("application/problem+json")


async def test_unsaving_is_204_and_so_is_unsaving_what_was_not_saved(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin)
    await save(api, customer, event["id"])

    for ref in (event["id"], event["id"], "vvG1zZ9KbkY3jK"):
        response = await api.client.delete(f"/events/{ref}/save", headers=customer.headers)
        assert response.status_code == 204, response.text

    assert (await my_events(api, customer))["total"] == 0


async def test_my_events_are_newest_save_first_paged_filtered_and_mine_only(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller, clock: ShiftableClock
) -> None:
    gig = await api.event(admin, title="Gig", city="Pune", tags=["music"])
    talk = await api.event(admin, title="Talk", city="Goa", tags=["talks"])
    play = await api.event(admin, title="Play", city="Pune", tags=["theatre"])
    for event in (gig, talk, play):
        await save(api, customer, event["id"])
        clock.advance(timedelta(minutes=1))
    await save(api, other_customer, talk["id"])

    mine = await my_events(api, customer)
    assert [e["title"] for e in mine["items"]] == ["Play", "Talk", "Gig"]
    assert all(e["saved"] is True and e["saved_at"] for e in mine["items"])
    assert (mine["page"], mine["size"], mine["total"]) == (1, 20, 3)
    second = await my_events(api, customer, page="2", size="2")
    assert ([e["title"] for e in second["items"]], second["total"]) == (["Gig"], 3)
    assert (await my_events(api, customer, page="9", size="2"))["items"] == []
    assert [e["title"] for e in (await my_events(api, customer, city="pune"))["items"]] == [
        "Play",
        "Gig",
    ]
    assert [e["title"] for e in (await my_events(api, customer, tag="talks"))["items"]] == ["Talk"]
    assert [e["title"] for e in (await my_events(api, customer, q="gi"))["items"]] == ["Gig"]
    theirs = await my_events(api, other_customer)
    assert [e["title"] for e in theirs["items"]] == ["Talk"]
    for params in ({"size": "0"}, {"size": "101"}, {"page": "0"}, {"from": "yesterday"}):
        bad = await api.client.get("/my/events", params=params, headers=customer.headers)
        assert_problem(bad, 400)


async def test_the_public_list_marks_saved_events_for_the_signed_in_caller_only(
    api: Api, admin: Caller, customer: Caller, other_customer: Caller
) -> None:
    saved, unsaved = await api.event(admin, title="Saved"), await api.event(admin, title="Other")
    await save(api, customer, saved["id"])

    def marks(response_json: dict[str, Any]) -> dict[str, object]:
        return {e["id"]: e.get("saved") for e in response_json["items"]}

    mine = await api.client.get("/events", headers=customer.headers)
    theirs = await api.client.get("/events", headers=other_customer.headers)
    anonymous = await api.client.get("/events")

    assert marks(mine.json()) == {saved["id"]: True, unsaved["id"]: False}
    assert marks(theirs.json()) == {saved["id"]: False, unsaved["id"]: False}
    assert all("saved" not in e for e in anonymous.json()["items"])


async def test_the_saved_marks_cost_one_query_for_a_page_of_one_or_fifty(
    api: Api, admin: Caller, customer: Caller
) -> None:
    for day in range(1, 52):
        event = await api.event(
            admin,
            start_time=f"2031-01-{day % 28 + 1:02d}T18:00:00",
            end_time=f"2031-01-{day % 28 + 1:02d}T20:00:00",
        )
        if day % 2:
            await save(api, customer, event["id"])
    engines = engines_of(api)
    for warm_up in (customer.headers, {}):  # a pool's first connection asks its server things
        assert (await api.client.get("/events", headers=warm_up)).status_code == 200

    counts: dict[tuple[str, int], int] = {}
    marks: dict[tuple[str, int], int] = {}
    for caller_headers, who in ((customer.headers, "signed in"), ({}, "anonymous")):
        for size in (1, 50):
            with statements_on(*engines) as seen:
                response = await api.client.get(
                    "/events", params={"size": size}, headers=caller_headers
                )
            assert response.status_code == 200, response.text
            assert len(response.json()["items"]) == size
            counts[who, size] = len(seen)
            marks[who, size] = sum("saved_events" in statement for statement in seen)
    for url in ("/my/events",):
        for size in (1, 20):
            with statements_on(*engines) as seen:
                response = await api.client.get(
                    url, params={"size": size}, headers=customer.headers
                )
            assert len(response.json()["items"]) == size
            counts[url, size] = len(seen)

    assert counts["signed in", 1] == counts["signed in", 50]
    assert counts["anonymous", 1] == counts["anonymous", 50]
    assert marks == {
        ("signed in", 1): 1,
        ("signed in", 50): 1,
        ("anonymous", 1): 0,
        ("anonymous", 50): 0,
    }
    assert counts["/my/events", 1] == counts["/my/events", 20]


async def test_racing_saves_of_one_event_store_it_once_and_exactly_one_is_201(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin)

    responses = await asyncio.gather(
        *(
            api.client.post(f"/events/{event['id']}/save", headers=customer.headers)
            for _ in range(10)
        )
    )

    assert sorted(r.status_code for r in responses) == [200] * 9 + [201]
    assert len({r.json()["saved_at"] for r in responses}) == 1
    assert (await my_events(api, customer))["total"] == 1
