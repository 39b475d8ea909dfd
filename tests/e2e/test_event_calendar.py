"""An event's calendar file, and what one event's answer tells a signed-in caller."""

from typing import Any

from tests.calendar_files import read_calendar
from tests.e2e.api import Api, Caller, assert_problem


async def test_the_calendar_file_names_the_event_and_links_to_its_page(
    api: Api, admin: Caller
) -> None:
    event = await api.event(admin, title="Indie Night, live; \\ loud", city="Mumbai")

    response = await api.client.get(f"/events/{event['id']}/calendar.ics")

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="Indie-Night-live-loud.ics"'
    )
    calendar = read_calendar(response.text)
    assert calendar.text("SUMMARY") == "Indie Night, live; \\ loud"
    assert calendar.text("LOCATION") == "Blue Frog, Mumbai"
    assert calendar.text("DESCRIPTION") == "Three bands, one stage"
    assert calendar.value("DTSTART") == "20300615T140000Z"  # 19:30 in Kolkata
    assert calendar.value("DTEND") == "20300615T170000Z"
    assert calendar.value("URL") == f"http://testserver/ui/events/{event['id']}"
    assert calendar.value("UID") == f"{event['id']}@boxoffice"
    assert calendar.value("STATUS") == "CONFIRMED"


async def test_a_hostile_description_stays_inside_its_own_property(api: Api, admin: Caller) -> None:
    hostile = "Doors at 7\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Free entry"
    event = await api.event(admin, description=hostile)

    calendar = read_calendar((await api.client.get(f"/events/{event['id']}/calendar.ics")).text)

    assert (
        calendar.text("DESCRIPTION") == "Doors at 7\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Free entry"
    )
    assert calendar.text("SUMMARY") == "Indie Night"


async def test_a_cancelled_event_is_a_cancelled_entry(api: Api, admin: Caller) -> None:
    event = await api.event(admin)
    cancel = await api.client.patch(
        f"/events/{event['id']}", json={"status": "cancelled"}, headers=admin.headers
    )
    assert cancel.status_code == 200, cancel.text

    calendar = read_calendar((await api.client.get(f"/events/{event['id']}/calendar.ics")).text)

    assert calendar.value("STATUS") == "CANCELLED"


async def test_an_unknown_event_has_no_calendar_file(api: Api) -> None:
    response = await api.client.get("/events/5f3c1e9a-0000-4000-8000-000000000000/calendar.ics")

    assert_problem(response, 404)


async def test_one_event_tells_a_signed_in_caller_whether_they_saved_and_follow_it(
    api: Api, admin: Caller, customer: Caller
) -> None:
    event = await api.event(admin)
    url = f"/events/{event['id']}"

    def flags(body: dict[str, Any]) -> tuple[object, object]:
        return body.get("saved"), body.get("subscribed")

    assert flags(await api.get_event(event["id"])) == (None, None)
    assert flags((await api.client.get(url, headers=customer.headers)).json()) == (False, False)
    await api.client.post(f"{url}/save", headers=customer.headers)
    await api.client.post(f"{url}/subscribe", headers=customer.headers)
    assert flags((await api.client.get(url, headers=customer.headers)).json()) == (True, True)
    assert flags((await api.client.get(url, headers=admin.headers)).json()) == (False, False)
    bad_token = await api.client.get(url, headers={"Authorization": "Bearer not-a-token"})
    assert_problem(bad_token, 401)
