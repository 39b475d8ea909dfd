"""An event as an iCalendar file: every value survives, and no value can break out of its line."""

from datetime import UTC, datetime, timedelta, timezone
from unicodedata import category

from hypothesis import given
from hypothesis import strategies as st

from boxoffice.domain.events import EventStatus
from boxoffice.entrypoints.http.schemas.calendar import event_calendar, fold
from tests.builders import NOW, an_event
from tests.calendar_files import read_calendar

STAMP = datetime(2026, 12, 1, 13, 45, 7, tzinfo=UTC)
URL = "https://tickets.example/ui/events/1"


def test_the_file_names_the_event_its_times_in_utc_and_its_page() -> None:
    event = an_event(NOW, title="Indie Night", location="Blue Frog", city="Mumbai")

    calendar = read_calendar(event_calendar(event, STAMP, URL))

    start, end = event.details.slot.start, event.details.slot.end
    assert calendar.text("SUMMARY") == "Indie Night"
    assert calendar.text("LOCATION") == "Blue Frog, Mumbai"
    assert calendar.value("UID") == f"{event.id}@boxoffice"
    assert calendar.value("DTSTAMP") == "20261201T134507Z"
    assert calendar.value("DTSTART") == start.strftime("%Y%m%dT%H%M%SZ")
    assert calendar.value("DTEND") == end.strftime("%Y%m%dT%H%M%SZ")
    assert calendar.value("URL") == URL
    assert calendar.value("STATUS") == "CONFIRMED"
    assert ("VERSION", "2.0") in calendar.properties


def test_a_cancelled_event_is_a_cancelled_entry() -> None:
    event = an_event(NOW)
    event.status = EventStatus.CANCELLED

    assert read_calendar(event_calendar(event, STAMP, URL)).value("STATUS") == "CANCELLED"


def test_line_breaks_in_a_description_cannot_start_properties_of_their_own() -> None:
    hostile = "Doors 7pm\r\nEND:VEVENT\r\nBEGIN:VEVENT\nSUMMARY:Free drinks\rATTACH:evil"
    event = an_event(NOW, title='Jazz; "live", \\ late', description=hostile)

    calendar = read_calendar(event_calendar(event, STAMP, URL))

    assert calendar.text("SUMMARY") == 'Jazz; "live", \\ late'
    assert calendar.text("DESCRIPTION") == (
        "Doors 7pm\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Free drinks\nATTACH:evil"
    )
    assert [name for name, _ in calendar.event_properties()].count("SUMMARY") == 1
    assert "ATTACH" not in {name for name, _ in calendar.properties}


def test_unicode_line_separators_become_spaces() -> None:
    event = an_event(NOW, title="One\u2028Two\u2029Three")

    assert read_calendar(event_calendar(event, STAMP, URL)).text("SUMMARY") == "One Two Three"


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    line = "SUMMARY:" + "é" * 100

    folded = fold(line)

    physical = folded.split("\r\n")
    assert len(physical) > 1
    assert all(len(p.encode()) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert "".join(p.removeprefix(" ") for p in physical) == line
    assert len(physical[0].encode()) in (74, 75)  # full, unless the next "é" would not fit


@given(
    title=st.text(
        st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=100
    ).filter(lambda t: t.strip() == t and t),
    description=st.text(st.characters(exclude_categories=["Cs"]), max_size=400),
)
def test_any_title_and_description_read_back_as_written(title: str, description: str) -> None:
    event = an_event(NOW, title=title)
    object.__setattr__(event.details, "description", description)  # beyond the domain's rules

    calendar = read_calendar(event_calendar(event, STAMP, URL))

    assert calendar.text("SUMMARY") == title
    lines = description.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        c if c in "\n\t" or category(c) not in ("Cc", "Zl", "Zp") else " " for c in lines
    )
    assert calendar.text("DESCRIPTION") == kept


def test_the_stamp_is_utc_whatever_zone_it_comes_in() -> None:
    stamp = STAMP.astimezone(timezone(timedelta(hours=5, minutes=30)))

    calendar = read_calendar(event_calendar(an_event(NOW), stamp, URL))

    assert calendar.value("DTSTAMP") == "20261201T134507Z"
