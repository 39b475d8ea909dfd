"""An event is created in the future, edited within its seats, completed or cancelled."""

from datetime import timedelta
from uuid import uuid4

import pytest

from boxoffice.domain.errors import (
    CapacityBelowSeatsTaken,
    EventNotOpen,
    InvalidValue,
    NotEnoughSeats,
)
from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.happenings import EventCancelled, EventCreated, EventUpdated
from tests.builders import NOW, an_event, event_details


def test_creating_an_event_records_it_as_active_with_no_seats_taken() -> None:
    owner = uuid4()

    event = an_event(NOW, owner=owner, capacity=50)

    assert (event.status, event.seats_taken, event.seats_available) == (EventStatus.ACTIVE, 0, 50)
    assert (event.created_by, event.created_at) == (owner, NOW)
    assert event.happenings == [EventCreated(event.id, "Jazz Night")]


@pytest.mark.parametrize("starts_in", [timedelta(0), timedelta(minutes=-1)])
def test_an_event_may_not_start_in_the_past(starts_in: timedelta) -> None:
    with pytest.raises(InvalidValue, match="past") as raised:
        Event.create(uuid4(), event_details(NOW + starts_in), None, NOW)
    assert raised.value.field == "start_time"


def test_completing_an_active_event_is_recorded() -> None:
    event = an_event()

    event.change_status(EventStatus.COMPLETED)

    assert event.status is EventStatus.COMPLETED
    assert event.happenings[-1] == EventUpdated(event.id, ("status",))


@pytest.mark.parametrize("start", [EventStatus.ACTIVE, EventStatus.COMPLETED])
def test_active_and_completed_events_can_be_cancelled(start: EventStatus) -> None:
    event = an_event()
    event.status = start

    event.change_status(EventStatus.CANCELLED)

    assert event.status is EventStatus.CANCELLED
    assert event.happenings[-1] == EventCancelled(event.id)


@pytest.mark.parametrize("status", [EventStatus.ACTIVE, EventStatus.COMPLETED])
def test_a_cancelled_event_stays_cancelled(status: EventStatus) -> None:
    event = an_event()
    event.cancel()

    with pytest.raises(EventNotOpen):
        event.change_status(status)
    assert event.status is EventStatus.CANCELLED


def test_setting_the_current_status_again_changes_and_records_nothing() -> None:
    event = an_event()
    event.cancel()
    recorded = list(event.happenings)

    event.change_status(EventStatus.CANCELLED)
    event.cancel()

    assert event.happenings == recorded


def test_revising_records_which_fields_changed() -> None:
    event = an_event()

    event.revise(event.with_details(title="Late Jazz", capacity=120))

    assert (event.details.title, event.details.capacity) == ("Late Jazz", 120)
    assert event.happenings[-1] == EventUpdated(event.id, ("title", "capacity"))


def test_revising_to_the_same_details_records_nothing() -> None:
    event = an_event()
    recorded = list(event.happenings)

    event.revise(event.with_details(title=" Jazz Night "))

    assert event.happenings == recorded


def test_capacity_may_drop_to_the_seats_taken_but_not_below() -> None:
    event = an_event(capacity=10)
    event.take_seats(4, NOW)

    with pytest.raises(CapacityBelowSeatsTaken) as raised:
        event.revise(event.with_details(capacity=3))
    assert (raised.value.capacity, raised.value.seats_taken) == (3, 4)
    assert event.details.capacity == 10

    event.revise(event.with_details(capacity=4))
    assert event.seats_available == 0


def test_a_cancelled_event_cannot_be_revised() -> None:
    event = an_event()
    event.cancel()

    with pytest.raises(EventNotOpen):
        event.revise(event.with_details(title="Back from the dead"))
    assert event.details.title == "Jazz Night"


def test_with_details_validates_the_changed_fields_again() -> None:
    with pytest.raises(InvalidValue):
        an_event().with_details(capacity=0)


def test_an_event_is_open_only_while_active_and_not_started() -> None:
    event = an_event(starts_in=timedelta(hours=1))
    start = event.details.slot.start

    assert event.is_open(start - timedelta(microseconds=1))
    assert not event.is_open(start)
    event.change_status(EventStatus.COMPLETED)
    assert not event.is_open(NOW)


@pytest.mark.parametrize(
    ("status", "message"),
    [(EventStatus.CANCELLED, "cancelled"), (EventStatus.COMPLETED, "completed")],
)
def test_closed_events_say_why_they_take_no_seats(status: EventStatus, message: str) -> None:
    event = an_event()
    event.change_status(status)

    with pytest.raises(EventNotOpen, match=message):
        event.take_seats(1, NOW)
    assert event.seats_taken == 0


def test_a_started_event_takes_no_seats() -> None:
    event = an_event(starts_in=timedelta(hours=1))

    with pytest.raises(EventNotOpen, match="started"):
        event.take_seats(1, NOW + timedelta(hours=1))


def test_the_last_seats_can_be_taken_but_not_one_more() -> None:
    event = an_event(capacity=3)
    event.take_seats(3, NOW)

    with pytest.raises(NotEnoughSeats) as raised:
        event.take_seats(1, NOW)
    assert (raised.value.requested, raised.value.available) == (1, 0)
    assert event.seats_taken == 3


@pytest.mark.parametrize("quantity", [0, -2])
def test_taking_no_or_negative_seats_is_refused(quantity: int) -> None:
    event = an_event()
    with pytest.raises(InvalidValue):
        event.take_seats(quantity, NOW)
    assert event.seats_taken == 0


def test_releasing_never_takes_seats_below_zero() -> None:
    event = an_event(capacity=5)
    event.take_seats(2, NOW)

    event.release_seats(3)

    assert (event.seats_taken, event.seats_available) == (0, 5)
