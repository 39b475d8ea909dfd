"""Requirement 003: naive times are read in the event's zone, everything is stored in UTC, and
`?tz=` renders every datetime of every answer in one zone, with its offset."""

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx

from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.settings import Settings
from tests.e2e.api import Api, Caller, assert_problem, event_body, running
from tests.e2e.transport import asgi_transport

NEW_YORK = "America/New_York"
KOLKATA = "Asia/Kolkata"


async def test_a_naive_start_time_is_read_in_the_events_own_zone(api: Api, admin: Caller) -> None:
    event = await api.event(
        admin, timezone=NEW_YORK, start_time="2030-07-01T19:00:00", end_time="2030-07-01T22:00:00"
    )

    assert event["timezone"] == NEW_YORK
    assert event["start_time"] == "2030-07-02T04:30:00+05:30"
    in_new_york = await api.get_event(event["id"], tz=NEW_YORK)
    assert (in_new_york["start_time"], in_new_york["end_time"]) == (
        "2030-07-01T19:00:00-04:00",
        "2030-07-01T22:00:00-04:00",
    )
    assert (await api.get_event(event["id"], tz="UTC"))["start_time"] == "2030-07-01T23:00:00Z"


async def test_the_offset_follows_daylight_saving_time(api: Api, admin: Caller) -> None:
    winter = await api.event(
        admin, timezone=NEW_YORK, start_time="2030-01-15T19:00:00", end_time="2030-01-15T21:00:00"
    )

    assert winter["start_time"] == "2030-01-16T05:30:00+05:30"
    assert (await api.get_event(winter["id"], tz=NEW_YORK))["start_time"] == (
        "2030-01-15T19:00:00-05:00"
    )


async def test_a_time_with_an_offset_keeps_its_instant_whatever_the_events_zone(
    api: Api, admin: Caller
) -> None:
    event = await api.event(
        admin,
        timezone=NEW_YORK,
        start_time="2030-07-01T19:00:00+01:00",
        end_time="2030-07-01T21:00:00+01:00",
    )

    assert (await api.get_event(event["id"], tz="UTC"))["start_time"] == "2030-07-01T18:00:00Z"


async def test_a_local_time_skipped_by_daylight_saving_is_422(api: Api, admin: Caller) -> None:
    event = await api.event(admin, timezone=NEW_YORK)

    created = await api.client.post(
        "/events",
        json=event_body(
            timezone=NEW_YORK, start_time="2030-03-10T02:30:00", end_time="2030-03-10T04:00:00"
        ),
        headers=admin.headers,
    )
    moved = await api.client.patch(
        f"/events/{event['id']}", json={"start_time": "2030-03-10T02:30:00"}, headers=admin.headers
    )

    assert "DST gap" in assert_problem(created, 422, "start_time")["detail"]
    assert "DST gap" in assert_problem(moved, 422, "start_time")["detail"]
    assert await api.get_event(event["id"]) == event
    assert (await api.client.get("/events")).json()["total"] == 1


async def test_a_local_time_that_occurs_twice_means_the_first(api: Api, admin: Caller) -> None:
    event = await api.event(
        admin, timezone=NEW_YORK, start_time="2030-11-03T01:30:00", end_time="2030-11-03T03:00:00"
    )

    assert (await api.get_event(event["id"], tz="UTC"))["start_time"] == "2030-11-03T05:30:00Z"


async def test_changing_only_the_zone_keeps_the_instants(api: Api, admin: Caller) -> None:
    event = await api.event(
        admin, timezone=NEW_YORK, start_time="2030-07-01T19:00:00", end_time="2030-07-01T22:00:00"
    )

    response = await api.client.patch(
        f"/events/{event['id']}", json={"timezone": "Europe/London"}, headers=admin.headers
    )

    assert response.json()["timezone"] == "Europe/London"
    assert response.json()["start_time"] == event["start_time"]
    rescheduled = await api.client.patch(
        f"/events/{event['id']}", json={"start_time": "2030-07-01T20:00:00"}, headers=admin.headers
    )
    assert rescheduled.json()["start_time"] == "2030-07-02T00:30:00+05:30"  # 20:00 BST


def _offset_is_that_of(zone: str, rendered: str) -> bool:
    """`rendered` carries the offset that `zone` has at that instant (EDT in July, EST now)."""
    moment = datetime.fromisoformat(rendered)
    return moment.utcoffset() == moment.astimezone(ZoneInfo(zone)).utcoffset()


def _instants(values: list[str]) -> list[datetime]:
    return [datetime.fromisoformat(v) for v in values]


async def _times(api: Api, caller: Caller, tz: str, event_id: str, booking_id: str) -> list[str]:
    """Every datetime the API returns for one event, one booking and one registration."""
    get = api.client.get
    params, headers = {"tz": tz}, caller.headers
    listed = (await get("/events", params=params)).json()["items"][0]
    one = (await get(f"/events/{event_id}", params=params)).json()
    booking = (await get(f"/bookings/{booking_id}", params=params, headers=headers)).json()
    mine = (await get("/my/bookings", params=params, headers=headers)).json()["items"][0]
    of_event = (await get(f"/events/{event_id}/bookings", params=params, headers=headers)).json()
    attendee = (await get(f"/events/{event_id}/attendees", params=params, headers=headers)).json()
    me = (await get("/auth/me", params=params, headers=headers)).json()
    users = (await get("/users", params=params, headers=headers)).json()["items"][0]
    return [
        listed["start_time"],
        listed["end_time"],
        listed["created_at"],
        one["start_time"],
        booking["booked_at"],
        booking["cancelled_at"],
        mine["booked_at"],
        of_event["items"][0]["booked_at"],
        attendee["items"][0]["registered_at"],
        me["created_at"],
        users["created_at"],
    ]


async def test_tz_renders_the_same_instants_with_other_offsets_across_every_answer(
    api: Api, admin: Caller
) -> None:
    event = await api.event(
        admin, timezone=NEW_YORK, start_time="2030-07-01T19:00:00", end_time="2030-07-01T22:00:00"
    )
    booking = await api.book(admin, event["id"], 1)
    await api.client.post(f"/bookings/{booking['id']}/cancel", headers=admin.headers)
    await api.register(event["id"], "Asha", "asha@example.com")

    new_york = await _times(api, admin, NEW_YORK, event["id"], booking["id"])
    kolkata = await _times(api, admin, KOLKATA, event["id"], booking["id"])
    default = await _times(api, admin, "", event["id"], booking["id"])

    assert _instants(new_york) == _instants(kolkata)
    assert all(_offset_is_that_of(NEW_YORK, v) for v in new_york), new_york
    assert all(v.endswith("+05:30") for v in kolkata), kolkata
    assert default == kolkata
    assert (new_york[0], kolkata[0]) == ("2030-07-01T19:00:00-04:00", "2030-07-02T04:30:00+05:30")


async def test_an_unknown_zone_is_a_4xx_on_every_endpoint_that_renders_times(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin)
    booking = await api.book(admin, event["id"], 1)
    urls = [
        "/events",
        f"/events/{event['id']}",
        f"/bookings/{booking['id']}",
        "/my/bookings",
        f"/events/{event['id']}/bookings",
        f"/events/{event['id']}/attendees",
        "/auth/me",
        "/users",
        f"/users/{admin.id}/bookings",
    ]

    for url in urls:
        for zone in ("Mars/Olympus_Mons", "../../etc/passwd", "Kolkata"):
            response = await api.client.get(url, params={"tz": zone}, headers=admin.headers)
            assert "unknown time zone" in assert_problem(response, 422, "tz")["detail"]
    cancel = await api.client.post(
        f"/bookings/{booking['id']}/cancel", params={"tz": "Nowhere/Town"}, headers=admin.headers
    )
    assert_problem(cancel, 422, "tz")
    assert (await api.client.get(f"/bookings/{booking['id']}", headers=admin.headers)).json()[
        "status"
    ] == "confirmed"


async def test_a_naive_from_is_read_in_the_requested_zone(api: Api, admin: Caller) -> None:
    await api.event(
        admin, timezone=NEW_YORK, start_time="2030-07-01T19:00:00", end_time="2030-07-01T22:00:00"
    )

    async def count(**params: str) -> int:
        response = await api.client.get("/events", params=params)
        assert response.status_code == 200, response.text
        return int(response.json()["total"])

    assert await count(**{"from": "2030-07-01T18:30:00", "tz": NEW_YORK}) == 1
    assert await count(**{"from": "2030-07-01T19:30:00", "tz": NEW_YORK}) == 0
    assert await count(**{"from": "2030-07-02T04:00:00"}) == 1  # Kolkata by default
    assert await count(**{"from": "2030-07-02T05:00:00"}) == 0
    assert await count(**{"from": "2030-07-01T23:30:00", "tz": "UTC"}) == 0
    assert await count(**{"from": "2030-07-01T22:30:00Z", "tz": NEW_YORK}) == 1
    assert await count(to="2030-07-01T19:00:01", tz=NEW_YORK) == 1
    gap = await api.client.get("/events", params={"from": "2030-03-10T02:30:00", "tz": NEW_YORK})
    assert_problem(gap, 422, "from")


async def test_from_and_to_take_a_date_or_a_date_time_not_a_number(api: Api) -> None:
    for params in ({"to": "0.5"}, {"from": "1733000000"}, {"to": "2030-7-1"}):
        refused = await api.client.get("/events", params=params)
        (name,) = params
        assert_problem(refused, 400, name)
    for value in ("2030-07-01T19:00:00+05:30", "2030-07-01"):
        accepted = await api.client.get("/events", params={"to": value})
        assert accepted.status_code == 200, value


async def test_the_default_display_zone_is_a_setting(
    api: Api, admin: Caller, settings: Settings
) -> None:
    event = await api.event(
        admin, timezone=NEW_YORK, start_time="2030-07-01T19:00:00", end_time="2030-07-01T22:00:00"
    )
    new_york_by_default = create_app(
        replace(settings, events=replace(settings.events, default_timezone=NEW_YORK))
    )
    transport = asgi_transport(new_york_by_default)

    async with (
        running(new_york_by_default),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as client,
    ):
        rendered = (await client.get(f"/events/{event['id']}")).json()

    assert rendered["start_time"] == "2030-07-01T19:00:00-04:00"
    assert event["start_time"] == "2030-07-02T04:30:00+05:30"
