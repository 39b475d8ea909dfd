"""The unit-of-work contract on every backend: at commit, the domain events of the aggregates
its repositories saw become outbox messages in the same transaction; a rollback sends none."""

from uuid import uuid4

from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.services.message_codec import decode
from boxoffice.domain.events import Event, EventStatus
from boxoffice.domain.registrations import Registration
from boxoffice.domain.users import User
from tests.builders import NOW, a_user, an_event
from tests.integration.conftest import NewUnitOfWork
from tests.integration.contract import given

OWNER = a_user("olivia")


async def messages(new_uow: NewUnitOfWork) -> list[EventChange]:
    async with new_uow() as uow:
        return [decode(message) for message in await uow.outbox.pending(100)]


async def followed(new_uow: NewUnitOfWork) -> tuple[Event, User, User]:
    """An event of OWNER's, stored as it is (no messages), a subscriber and a saver of it."""
    event, subscriber, saver = an_event(NOW, owner=OWNER.id), a_user("priya"), a_user("rahul")
    await given(new_uow(), users=(OWNER, subscriber, saver), events=(event,))
    async with new_uow() as uow:
        await uow.subscriptions.add(subscriber.id, event.id, NOW)
        await uow.saved_events.add(saver.id, event.id, NOW)
        await uow.commit()
    return event, subscriber, saver


async def test_a_new_event_given_to_the_repository_is_announced_at_commit_to_everyone(
    new_uow: NewUnitOfWork,
) -> None:
    event = an_event(NOW, owner=OWNER.id)
    await given(new_uow(), users=(OWNER,))

    async with new_uow() as uow:
        uow.act_as("olivia", NOW)
        await uow.events.add(event)
        assert await uow.outbox.pending(10) == []  # nothing before the commit
        await uow.commit()

    [change] = await messages(new_uow)
    assert (change.action, change.event_id, change.title) == (
        ChangeAction.CREATED,
        event.id,
        event.details.title,
    )
    assert (change.actor, change.occurred_at) == ("olivia", NOW)
    assert (change.creator_id, change.recipients) == (OWNER.id, None)
    assert event.happenings == []  # collected: taken off the aggregate


async def test_changes_to_a_loaded_event_are_one_update_for_its_audience_and_creator(
    new_uow: NewUnitOfWork,
) -> None:
    event, subscriber, saver = await followed(new_uow)
    assert await messages(new_uow) == []  # stored without an actor: no news

    async with new_uow() as uow:
        uow.act_as("asha", NOW)
        loaded = await uow.events.get(event.id)
        assert loaded is not None
        loaded.revise(loaded.with_details(title="Moved upstairs"))
        loaded.change_status(EventStatus.COMPLETED)
        await uow.events.save(loaded)
        await uow.commit()

    [change] = await messages(new_uow)
    assert (change.action, change.title, change.actor) == (
        ChangeAction.UPDATED,
        "Moved upstairs",
        "asha",
    )
    assert change.recipients == tuple(sorted({OWNER.id, subscriber.id, saver.id}))


async def test_a_loaded_event_brings_no_domain_events_of_its_past(new_uow: NewUnitOfWork) -> None:
    event, _, _ = await followed(new_uow)

    async with new_uow() as uow:
        uow.act_as("asha", NOW)
        loaded = await uow.events.get(event.id)
        assert loaded is not None
        assert loaded.happenings == []
        await uow.commit()

    assert await messages(new_uow) == []


async def test_a_rollback_or_leaving_without_commit_announces_nothing(
    new_uow: NewUnitOfWork,
) -> None:
    event, _, _ = await followed(new_uow)

    async with new_uow() as uow:
        uow.act_as("olivia", NOW)
        await uow.events.add(an_event(NOW, owner=OWNER.id))
        # left without commit
    async with new_uow() as uow:
        uow.act_as("olivia", NOW)
        loaded = await uow.events.get(event.id)
        assert loaded is not None
        loaded.cancel()
        await uow.events.save(loaded)
        await uow.rollback()
        await uow.commit()  # the rolled-back change is no news either

    assert await messages(new_uow) == []


async def test_a_second_commit_announces_only_what_happened_since_the_first(
    new_uow: NewUnitOfWork,
) -> None:
    event = an_event(NOW, owner=OWNER.id)
    await given(new_uow(), users=(OWNER,))

    async with new_uow() as uow:
        uow.act_as("olivia", NOW)
        await uow.events.add(event)
        await uow.commit()
        await uow.commit()
        event.cancel()
        await uow.events.save(event)
        await uow.commit()

    assert [c.action for c in await messages(new_uow)] == [
        ChangeAction.CREATED,
        ChangeAction.UPDATED,
    ]


async def test_a_deleted_event_reaches_those_who_followed_it_before_the_delete_cascaded(
    new_uow: NewUnitOfWork,
) -> None:
    event, subscriber, saver = await followed(new_uow)

    async with new_uow() as uow:
        uow.act_as("olivia", NOW)
        loaded = await uow.events.get(event.id)
        assert loaded is not None
        loaded.delete()
        await uow.events.delete(event.id)
        assert await uow.subscriptions.audience(event.id) == set()  # cascaded
        await uow.commit()

    [change] = await messages(new_uow)
    assert (change.action, change.event_id, change.title) == (
        ChangeAction.DELETED,
        event.id,
        event.details.title,
    )
    assert change.recipients == tuple(sorted({OWNER.id, subscriber.id, saver.id}))


async def test_a_registration_taken_is_recorded_but_sends_no_message(
    new_uow: NewUnitOfWork,
) -> None:
    event, _, _ = await followed(new_uow)
    registration = Registration.take(uuid4(), event.id, "Meera", "meera@example.com", NOW)

    async with new_uow() as uow:
        uow.act_as("meera", NOW)
        await uow.registrations.add(registration)
        await uow.commit()

    assert registration.happenings == []  # collected at the commit
    assert await messages(new_uow) == []
