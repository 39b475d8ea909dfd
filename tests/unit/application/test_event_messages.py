"""Every change of an event leaves an outbox message in its transaction, for the right people."""

from uuid import UUID

import pytest

from boxoffice.application.errors import PermissionDenied
from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.message_codec import decode
from boxoffice.application.use_cases.book_tickets import BookTickets, BookTicketsCommand
from boxoffice.application.use_cases.create_event import CreateEvent
from boxoffice.application.use_cases.delete_event import (
    DeleteEvent,
    DeleteEventCommand,
    DeleteOutcome,
)
from boxoffice.application.use_cases.update_event import (
    EventChanges,
    UpdateEvent,
    UpdateEventCommand,
)
from boxoffice.domain.errors import CapacityBelowSeatsTaken
from boxoffice.domain.events import Event, EventStatus
from tests.builders import NOW
from tests.fake_attachments import InMemoryFileStorage
from tests.fakes import (
    FakeTicketCodes,
    FixedClock,
    InMemoryStore,
    InMemoryTicketSales,
    InMemoryUnitOfWork,
)
from tests.unit.application.conftest import AddEvent, People
from tests.unit.application.test_create_and_update_event import new_event


def messages(store: InMemoryStore) -> list[EventChange]:
    return [decode(message) for message, _ in store.committed.outbox]


async def follow(uow: InMemoryUnitOfWork, event: Event, subscriber: UUID, saver: UUID) -> None:
    async with uow:
        await uow.subscriptions.add(subscriber, event.id, NOW)
        await uow.saved_events.add(saver, event.id, NOW)
        await uow.commit()


def update(actor: Principal, event: Event, **changes: object) -> UpdateEventCommand:
    return UpdateEventCommand(actor, event.id, EventChanges(**changes))  # type: ignore[arg-type]


async def test_a_created_event_is_announced_to_everyone_by_its_creators_username(
    uow: InMemoryUnitOfWork, store: InMemoryStore, clock: FixedClock, people: People
) -> None:
    event = await CreateEvent(uow, clock).execute(new_event(people.admin))

    [change] = messages(store)
    assert (change.action, change.routing_key) == (ChangeAction.CREATED, "event.created")
    assert (change.event_id, change.title, change.occurred_at) == (event.id, "Indie Night", NOW)
    assert change.actor == people.admin.username == "asha"
    assert (change.creator_id, change.recipients) == (people.admin.user_id, None)


async def test_an_update_reaches_subscribers_savers_and_the_creator_but_nobody_else(
    uow: InMemoryUnitOfWork, store: InMemoryStore, clock: FixedClock, people: People,
    add_event: AddEvent,
) -> None:  # fmt: skip
    event, other = await add_event(), await add_event()
    await follow(uow, event, people.customer.user_id, people.stranger.user_id)
    await follow(uow, other, people.admin.user_id, people.admin.user_id)

    await UpdateEvent(uow, clock).execute(update(people.admin, event, title="Moved"))

    [change] = messages(store)
    assert (change.action, change.title, change.actor) == (ChangeAction.UPDATED, "Moved", "asha")
    expected = {people.customer.user_id, people.stranger.user_id, people.owner.user_id}
    assert set(change.recipients or ()) == expected
    assert len(change.recipients or ()) == 3
    assert not change.reaches(people.admin.user_id)  # the admin acted, but follows another


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.COMPLETED])
async def test_a_status_change_is_an_update(
    uow: InMemoryUnitOfWork, store: InMemoryStore, clock: FixedClock, people: People,
    add_event: AddEvent, status: EventStatus,
) -> None:  # fmt: skip
    event = await add_event()

    await UpdateEvent(uow, clock).execute(update(people.owner, event, status=status))

    [change] = messages(store)
    assert (change.action, change.actor) == (ChangeAction.UPDATED, "olivia")
    assert change.recipients == (people.owner.user_id,)


@pytest.mark.parametrize("said", ["nothing", "what it already is"])
async def test_an_update_that_changes_nothing_announces_nothing(
    uow: InMemoryUnitOfWork, store: InMemoryStore, clock: FixedClock, people: People,
    add_event: AddEvent, said: str,
) -> None:  # fmt: skip
    event = await add_event()
    same = {
        "title": event.details.title,
        "status": event.status,
        "capacity": event.details.capacity,
    }

    updated = await UpdateEvent(uow, clock).execute(
        update(people.owner, event, **({} if said == "nothing" else same))
    )

    assert messages(store) == []
    assert updated.details == event.details


async def test_a_deletion_reaches_those_who_followed_the_event_before_it_was_deleted(
    uow: InMemoryUnitOfWork, store: InMemoryStore, clock: FixedClock, people: People,
    add_event: AddEvent,
) -> None:  # fmt: skip
    event = await add_event()
    await follow(uow, event, people.customer.user_id, people.stranger.user_id)

    result = await DeleteEvent(uow, clock, InMemoryFileStorage()).execute(
        DeleteEventCommand(people.owner, event.id)
    )

    assert result.outcome is DeleteOutcome.DELETED
    [change] = messages(store)
    assert (change.action, change.event_id, change.title) == (
        ChangeAction.DELETED,
        event.id,
        event.details.title,
    )
    expected = {people.customer.user_id, people.stranger.user_id, people.owner.user_id}
    assert set(change.recipients or ()) == expected
    async with uow:  # the subscriptions went with the event
        assert await uow.subscriptions.audience(event.id) == set()


async def test_a_deletion_that_cancels_instead_is_an_update(
    uow: InMemoryUnitOfWork, store: InMemoryStore, clock: FixedClock, people: People,
    add_event: AddEvent,
) -> None:  # fmt: skip
    event = await add_event()
    await BookTickets(uow, clock, FakeTicketCodes(), InMemoryTicketSales(uow.store)).execute(
        BookTicketsCommand(people.customer, event.id, 1)
    )

    result = await DeleteEvent(uow, clock, InMemoryFileStorage()).execute(
        DeleteEventCommand(people.admin, event.id)
    )

    assert result.outcome is DeleteOutcome.CANCELLED
    [change] = messages(store)
    assert (change.action, change.actor) == (ChangeAction.UPDATED, "asha")


async def test_a_refused_change_leaves_no_message(
    uow: InMemoryUnitOfWork, store: InMemoryStore, clock: FixedClock, people: People,
    add_event: AddEvent,
) -> None:  # fmt: skip
    event = await add_event(capacity=10)
    async with uow:
        await uow.events.claim_seats(event.id, 6, NOW)
        await uow.commit()

    with pytest.raises(PermissionDenied):
        await UpdateEvent(uow, clock).execute(update(people.stranger, event, title="Mine"))
    with pytest.raises(PermissionDenied):
        await DeleteEvent(uow, clock, InMemoryFileStorage()).execute(
            DeleteEventCommand(people.stranger, event.id)
        )
    with pytest.raises(CapacityBelowSeatsTaken):
        await UpdateEvent(uow, clock).execute(update(people.owner, event, capacity=5))

    assert messages(store) == []
