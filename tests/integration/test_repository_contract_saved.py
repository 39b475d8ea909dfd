"""The repository contract, part 6: saved events."""

import asyncio
from datetime import timedelta
from uuid import uuid4

import pytest

from boxoffice.application.errors import EventNotFound
from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.models.queries import EventFilter
from boxoffice.domain.events import EventStatus
from tests.builders import NOW, a_user, an_event
from tests.integration.conftest import NewUnitOfWork
from tests.integration.contract import ALL, given

EVERYTHING = EventFilter(page=ALL, starts_from=NOW - timedelta(days=9999))


async def test_a_second_save_is_not_new_and_keeps_the_first_time(new_uow: NewUnitOfWork) -> None:
    user, event = a_user("priya"), an_event()
    await given(new_uow(), users=(user,), events=(event,))

    async with new_uow() as uow:
        first = await uow.saved_events.add(user.id, event.id, NOW)
        second = await uow.saved_events.add(user.id, event.id, NOW + timedelta(hours=1))
        await uow.commit()
    async with new_uow() as uow:
        third = await uow.saved_events.add(user.id, event.id, NOW + timedelta(hours=2))
        await uow.commit()
        saved = await uow.saved_events.saved_among(user.id, [event.id, uuid4()])

    assert (first, second, third) == (True, False, False)
    assert saved == {event.id: NOW}


async def test_two_racing_saves_store_one_row_and_exactly_one_is_new(
    new_uow: NewUnitOfWork,
) -> None:
    user, event = a_user("priya"), an_event()
    await given(new_uow(), users=(user,), events=(event,))

    async def save() -> bool:
        async with new_uow() as uow:
            created = await uow.saved_events.add(user.id, event.id, NOW)
            await uow.commit()
            return created

    outcomes = await asyncio.gather(save(), save())

    assert sorted(outcomes) == [False, True]
    async with new_uow() as uow:
        assert (await uow.saved_events.list_for_user(user.id, EVERYTHING, NOW)).total == 1


async def test_saving_an_event_that_does_not_exist_is_event_not_found(
    new_uow: NewUnitOfWork,
) -> None:
    user = a_user("priya")
    await given(new_uow(), users=(user,))

    async with new_uow() as uow:
        with pytest.raises(EventNotFound):
            await uow.saved_events.add(user.id, uuid4(), NOW)


async def test_saves_are_listed_per_user_newest_first_with_filters_and_pages(
    new_uow: NewUnitOfWork,
) -> None:
    priya, rahul = a_user("priya"), a_user("rahul")
    gig, talk = an_event(title="Indie Gig", city="Pune"), an_event(title="Talk", city="Goa")
    over = an_event(NOW - timedelta(days=9), title="Old Gig", city="Pune")  # a week ago
    cancelled = an_event(title="Called off")
    await given(new_uow(), users=(priya, rahul), events=(gig, talk, over, cancelled))
    async with new_uow() as uow:
        cancelled.cancel()
        await uow.events.save(cancelled)
        for minutes, event in enumerate((over, gig, talk, cancelled)):
            await uow.saved_events.add(priya.id, event.id, NOW + timedelta(minutes=minutes))
        await uow.saved_events.add(rahul.id, gig.id, NOW)
        await uow.commit()

    async with new_uow() as uow:
        mine = await uow.saved_events.list_for_user(priya.id, EventFilter(page=ALL), NOW)
        everything = await uow.saved_events.list_for_user(priya.id, EVERYTHING, NOW)
        in_pune = await uow.saved_events.list_for_user(
            priya.id, EventFilter(page=ALL, city="pune", text="gig"), NOW
        )
        called_off = await uow.saved_events.list_for_user(
            priya.id, EventFilter(page=ALL, status=EventStatus.CANCELLED), NOW
        )
        second_page = await uow.saved_events.list_for_user(
            priya.id, EventFilter(page=PageRequest(2, 1)), NOW
        )
        past_the_end = await uow.saved_events.list_for_user(
            priya.id, EventFilter(page=PageRequest(5, 1)), NOW
        )
        rahuls = await uow.saved_events.list_for_user(rahul.id, EVERYTHING, NOW)

    assert [s.event.id for s in mine.items] == [talk.id, gig.id]
    assert [s.saved_at for s in mine.items] == [
        NOW + timedelta(minutes=2),
        NOW + timedelta(minutes=1),
    ]
    assert [s.event.id for s in everything.items] == [talk.id, gig.id, over.id]
    assert [s.event.id for s in in_pune.items] == [gig.id]
    assert [s.event.id for s in called_off.items] == [cancelled.id]
    assert ([s.event.id for s in second_page.items], second_page.total) == ([gig.id], 2)
    assert (past_the_end.items, past_the_end.total) == ([], 2)
    assert [s.event.id for s in rahuls.items] == [gig.id]
    assert mine.items[1].event == gig


async def test_unsaving_removes_one_users_save_and_is_harmless_when_not_saved(
    new_uow: NewUnitOfWork,
) -> None:
    priya, rahul, event = a_user("priya"), a_user("rahul"), an_event()
    await given(new_uow(), users=(priya, rahul), events=(event,))
    async with new_uow() as uow:
        await uow.saved_events.add(priya.id, event.id, NOW)
        await uow.saved_events.add(rahul.id, event.id, NOW)
        await uow.commit()

    async with new_uow() as uow:
        await uow.saved_events.remove(priya.id, event.id)
        await uow.saved_events.remove(priya.id, event.id)
        await uow.saved_events.remove(priya.id, uuid4())
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.saved_events.saved_among(priya.id, [event.id]) == {}
        assert await uow.saved_events.saved_among(rahul.id, [event.id]) == {event.id: NOW}
        assert await uow.saved_events.saved_among(rahul.id, []) == {}


async def test_deleting_an_event_deletes_its_saves(new_uow: NewUnitOfWork) -> None:
    user, event = a_user("priya"), an_event()
    await given(new_uow(), users=(user,), events=(event,))
    async with new_uow() as uow:
        await uow.saved_events.add(user.id, event.id, NOW)
        await uow.commit()

    async with new_uow() as uow:
        await uow.events.delete(event.id)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.saved_events.saved_among(user.id, [event.id]) == {}
        assert (await uow.saved_events.list_for_user(user.id, EVERYTHING, NOW)).total == 0
