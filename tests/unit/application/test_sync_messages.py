"""A Ticketmaster re-import announces the events whose content changed, and nothing else."""

import dataclasses

from boxoffice.application.models.messages import ChangeAction
from boxoffice.application.services.message_codec import decode
from boxoffice.domain.events import Event
from tests.builders import NOW, a_user
from tests.fake_gateway import FakeTicketmasterGateway
from tests.fakes import InMemoryStore, InMemoryUnitOfWork
from tests.unit.application.test_sync_ticketmaster import QUERY, pages, sync


async def test_a_first_import_and_an_unchanged_reimport_announce_nothing() -> None:
    store = InMemoryStore()

    await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)
    await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)

    assert store.committed.outbox == []


async def test_a_changed_event_is_announced_once_as_updated_by_ticketmaster() -> None:
    store = InMemoryStore()
    await sync(store, FakeTicketmasterGateway(pages())).execute(QUERY)
    fan = a_user("fan")
    changed_pages = pages()
    moved = changed_pages[0][2]
    async with InMemoryUnitOfWork(store) as uow:
        await uow.users.add(fan)
        await uow.subscriptions.add(fan.id, moved.id, NOW)
        await uow.commit()
    changed_pages[0][2] = Event(
        moved.id,
        dataclasses.replace(moved.details, title="Moved upstairs"),
        moved.created_at,
        listing=moved.listing,
    )

    await sync(store, FakeTicketmasterGateway(changed_pages)).execute(QUERY)

    [change] = [decode(message) for message, _ in store.committed.outbox]
    assert (change.action, change.actor) == (ChangeAction.UPDATED, "ticketmaster")
    assert (change.event_id, change.title) == (moved.id, "Moved upstairs")
    assert (change.creator_id, change.recipients) == (None, (fan.id,))
