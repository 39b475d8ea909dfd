"""The unit of work collects the aggregates' domain events at commit, in one place: one outbox
message per changed event, named by the strongest change, for the people the rule names."""

from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.services.announce import MESSAGE_ACTIONS
from boxoffice.application.services.message_codec import decode
from boxoffice.application.use_cases.register_attendee import (
    RegisterAttendee,
    RegisterAttendeeCommand,
)
from boxoffice.domain import happenings
from boxoffice.domain.events import EventStatus
from boxoffice.domain.happenings import AttendeeRegistered, Happening
from boxoffice.domain.registrations import Registration
from tests.builders import NOW, an_event
from tests.fakes import FixedClock, InMemoryStore, InMemoryUnitOfWork
from tests.unit.application.conftest import AddEvent, People


def messages(store: InMemoryStore) -> list[EventChange]:
    return [decode(message) for message, _ in store.committed.outbox]


def test_every_kind_of_domain_event_says_whether_it_becomes_a_message() -> None:
    kinds = {
        kind
        for kind in vars(happenings).values()
        if isinstance(kind, type) and issubclass(kind, Happening) and kind is not Happening
    }

    assert set(MESSAGE_ACTIONS) == kinds
    assert {k.__name__ for k, action in MESSAGE_ACTIONS.items() if action is None} == {
        "TicketsBooked",
        "BookingCancelled",
        "AttendeeRegistered",
    }


async def test_two_copies_of_one_event_changed_in_one_transaction_are_one_message(
    uow: InMemoryUnitOfWork, store: InMemoryStore, add_event: AddEvent
) -> None:
    event = await add_event()

    async with uow:
        uow.act_as("olivia", NOW)
        first, second = await uow.events.get(event.id), await uow.events.get(event.id)
        assert first is not None
        assert second is not None
        first.revise(first.with_details(title="First try"))
        second.revise(second.with_details(title="Second thoughts"))
        second.require_sign_in_to_register(True)
        await uow.events.save(second)
        await uow.commit()

    [change] = messages(store)
    assert (change.action, change.title) == (ChangeAction.UPDATED, "Second thoughts")


async def test_a_deletion_outweighs_the_changes_before_it(
    uow: InMemoryUnitOfWork, store: InMemoryStore, add_event: AddEvent, people: People
) -> None:
    event = await add_event()

    async with uow:
        uow.act_as("olivia", NOW)
        loaded = await uow.events.get(event.id)
        assert loaded is not None
        loaded.change_status(EventStatus.COMPLETED)
        loaded.delete()
        await uow.events.delete(event.id)
        await uow.commit()

    [change] = messages(store)
    assert (change.action, change.recipients) == (ChangeAction.DELETED, (people.owner.user_id,))


async def test_each_changed_event_is_announced_in_the_order_the_unit_of_work_saw_it(
    uow: InMemoryUnitOfWork, store: InMemoryStore, people: People
) -> None:
    events = [an_event(NOW, owner=people.owner.user_id, title=f"Night {n}") for n in range(3)]

    async with uow:
        uow.act_as("olivia", NOW)
        for event in reversed(events):
            await uow.events.add(event)
        await uow.commit()

    assert [c.title for c in messages(store)] == ["Night 2", "Night 1", "Night 0"]
    assert len({c.id for c in messages(store)}) == 3


async def test_without_an_actor_the_domain_events_are_collected_but_announce_nothing(
    uow: InMemoryUnitOfWork, store: InMemoryStore, people: People
) -> None:
    event = an_event(NOW, owner=people.owner.user_id)

    async with uow:
        await uow.events.add(event)
        await uow.commit()
    async with uow:
        uow.act_as("olivia", NOW)  # an actor of an earlier transaction does not carry over
    async with uow:
        event.cancel()
        await uow.events.save(event)
        await uow.commit()

    assert event.happenings == []
    assert messages(store) == []


async def test_a_registration_records_that_it_was_taken_and_sends_no_message(
    store: InMemoryStore, clock: FixedClock, add_event: AddEvent
) -> None:
    event = await add_event()
    given: list[Happening] = []

    class Watching(InMemoryUnitOfWork):
        """Sees what the use case gives the registrations, before the commit collects it."""

        def _begin(self) -> None:
            super()._begin()
            add = self.registrations.add

            async def watched(registration: Registration) -> None:
                given.extend(registration.happenings)
                await add(registration)

            self.registrations.add = watched  # type: ignore[method-assign]

    registration = await RegisterAttendee(Watching(store), clock).execute(
        RegisterAttendeeCommand(event.id, "Meera", "meera@example.com")
    )

    assert given == [AttendeeRegistered(registration.id, event.id)]
    assert registration.happenings == []  # collected at the commit
    assert messages(store) == []
