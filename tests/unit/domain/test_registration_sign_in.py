"""The organiser's rule: an event may take registrations from signed-in users only."""

import dataclasses
from uuid import uuid4

import pytest

from boxoffice.domain.errors import EventNotOpen, SignInRequired
from boxoffice.domain.events import Event
from boxoffice.domain.happenings import EventUpdated
from boxoffice.domain.listings import EventSource, Listing
from tests.builders import NOW, an_event


def test_an_event_takes_anonymous_registrations_unless_its_organiser_says_otherwise() -> None:
    event = an_event(NOW)

    event.ensure_registrable_by(signed_in=False)
    event.require_sign_in_to_register(True)

    with pytest.raises(SignInRequired):
        event.ensure_registrable_by(signed_in=False)
    event.ensure_registrable_by(signed_in=True)


def test_changing_the_rule_is_recorded_and_setting_it_again_is_not() -> None:
    event = an_event(NOW)

    event.require_sign_in_to_register(True)
    event.require_sign_in_to_register(True)

    assert event.happenings[1:] == [EventUpdated(event.id, ("registration_requires_sign_in",))]


def test_an_imported_event_takes_no_such_rule() -> None:
    listing = Listing(EventSource.TICKETMASTER, "tm-1", "https://tickets.example/tm-1")
    local = an_event(NOW)
    details = dataclasses.replace(local.details, capacity=None)
    event = Event(uuid4(), details, NOW, listing=listing)

    with pytest.raises(EventNotOpen):
        event.require_sign_in_to_register(True)
