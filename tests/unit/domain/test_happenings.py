"""Aggregates keep a complete record of what happened to them, in order, each fact about them."""

import dataclasses
from uuid import uuid4

from hypothesis import given
from hypothesis import strategies as st

from boxoffice.domain.errors import DomainError
from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.happenings import (
    AttendeeRegistered,
    EventCreated,
    EventDeleted,
    ListingChanged,
)
from boxoffice.domain.listings import EventSource, Listing
from boxoffice.domain.registrations import Registration
from tests.builders import NOW, an_event


def test_deleting_an_event_is_recorded_last() -> None:
    event = an_event()

    event.delete()

    assert event.happenings == [EventCreated(event.id, "Jazz Night"), EventDeleted(event.id)]


def test_a_change_found_at_an_imported_events_source_is_recorded() -> None:
    listing = Listing(EventSource.TICKETMASTER, "tm-1", "https://tickets.example/tm-1")
    details = dataclasses.replace(an_event().details, capacity=None)
    event = Event(uuid4(), details, NOW, listing=listing)  # as imported: nothing recorded yet

    event.changed_at_source()

    assert event.happenings == [ListingChanged(event.id)]


def test_a_registration_taken_is_recorded_and_one_read_back_is_not() -> None:
    event_id = uuid4()

    taken = Registration.take(uuid4(), event_id, "Meera", "meera@example.com", NOW)
    stored = Registration(taken.id, event_id, "Meera", "meera@example.com", NOW)

    assert taken.happenings == [AttendeeRegistered(taken.id, event_id)]
    assert stored.happenings == []
    assert taken == stored  # the record is not part of what the registration is


OPERATIONS = st.lists(
    st.sampled_from(["title", "complete", "cancel", "sign_in", "attachment", "delete"]),
    max_size=8,
)


@given(OPERATIONS)
def test_the_record_only_grows_and_every_fact_is_about_the_event(operations: list[str]) -> None:
    event = an_event()
    attachment = uuid4()
    for operation in operations:
        before = list(event.happenings)
        try:
            if operation == "title":
                event.revise(event.with_details(title=f"Night {len(before)}"))
            elif operation in ("complete", "cancel"):
                done = EventStatus.COMPLETED if operation == "complete" else EventStatus.CANCELLED
                event.change_status(done)
            elif operation == "sign_in":
                event.require_sign_in_to_register(not event.registration_requires_sign_in)
            elif operation == "attachment":
                event.choose_attachment(attachment)
            else:
                event.delete()
        except DomainError:
            assert event.happenings == before  # refused: nothing happened
            continue
        assert event.happenings[: len(before)] == before
        assert len(event.happenings) - len(before) <= 1

    assert isinstance(event.happenings[0], EventCreated)
    assert {getattr(h, "event_id") for h in event.happenings} == {event.id}  # noqa: B009
