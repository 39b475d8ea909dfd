"""One event as its page shows it: saved and followed only for a signed-in viewer."""

from datetime import timedelta
from uuid import uuid4

import pytest

from boxoffice.application.errors import EventNotFound
from boxoffice.application.use_cases.view_event import ViewEvent, ViewEventQuery
from tests.builders import NOW
from tests.fakes import FixedClock, InMemoryUnitOfWork
from tests.unit.application.conftest import AddEvent, People


async def test_an_anonymous_viewer_learns_neither_saved_nor_followed(
    uow: InMemoryUnitOfWork, clock: FixedClock, add_event: AddEvent
) -> None:
    event = await add_event()
    clock.advance(hours=1)

    view = await ViewEvent(uow, clock).execute(ViewEventQuery(event.id))

    assert (view.event, view.saved, view.subscribed) == (event, None, None)
    assert view.seen_at == NOW + timedelta(hours=1)


async def test_a_signed_in_viewer_learns_whether_they_saved_and_follow_it(
    uow: InMemoryUnitOfWork, clock: FixedClock, add_event: AddEvent, people: People
) -> None:
    event = await add_event()
    view = ViewEvent(uow, clock)
    viewer = people.customer.user_id

    async def marks() -> tuple[bool | None, bool | None]:
        viewed = await view.execute(ViewEventQuery(event.id, viewer))
        return viewed.saved, viewed.subscribed

    assert await marks() == (False, False)
    async with uow:
        await uow.saved_events.add(viewer, event.id, NOW)
        await uow.commit()
    assert await marks() == (True, False)
    async with uow:
        await uow.subscriptions.add(viewer, event.id, NOW)
        await uow.commit()
    assert await marks() == (True, True)
    other = await view.execute(ViewEventQuery(event.id, people.stranger.user_id))
    assert (other.saved, other.subscribed) == (False, False)


async def test_an_unknown_event_is_not_found(uow: InMemoryUnitOfWork, clock: FixedClock) -> None:
    with pytest.raises(EventNotFound):
        await ViewEvent(uow, clock).execute(ViewEventQuery(uuid4()))
