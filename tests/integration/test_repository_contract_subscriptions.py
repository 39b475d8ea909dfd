"""The repository contract, part 7: event subscriptions and who hears about an event."""

import asyncio
from datetime import timedelta
from uuid import uuid4

import pytest

from boxoffice.application.errors import EventNotFound
from boxoffice.application.models.pagination import PageRequest
from tests.builders import NOW, a_user, an_event
from tests.integration.conftest import NewUnitOfWork
from tests.integration.contract import ALL, given


async def test_a_second_subscription_is_not_new_and_keeps_the_first_time(
    new_uow: NewUnitOfWork,
) -> None:
    user, event = a_user("priya"), an_event()
    await given(new_uow(), users=(user,), events=(event,))

    async with new_uow() as uow:
        first = await uow.subscriptions.add(user.id, event.id, NOW)
        second = await uow.subscriptions.add(user.id, event.id, NOW + timedelta(hours=1))
        await uow.commit()
    async with new_uow() as uow:
        since = await uow.subscriptions.subscribed_at(user.id, event.id)
        elsewhere = await uow.subscriptions.subscribed_at(user.id, uuid4())

    assert (first, second) == (True, False)
    assert (since, elsewhere) == (NOW, None)


async def test_two_racing_subscriptions_store_one_row_and_exactly_one_is_new(
    new_uow: NewUnitOfWork,
) -> None:
    user, event = a_user("priya"), an_event()
    await given(new_uow(), users=(user,), events=(event,))

    async def subscribe() -> bool:
        async with new_uow() as uow:
            created = await uow.subscriptions.add(user.id, event.id, NOW)
            await uow.commit()
            return created

    outcomes = await asyncio.gather(subscribe(), subscribe())

    assert sorted(outcomes) == [False, True]
    async with new_uow() as uow:
        assert (await uow.subscriptions.list_for_user(user.id, ALL)).total == 1


async def test_subscribing_to_an_event_that_does_not_exist_is_event_not_found(
    new_uow: NewUnitOfWork,
) -> None:
    user = a_user("priya")
    await given(new_uow(), users=(user,))

    async with new_uow() as uow:
        with pytest.raises(EventNotFound):
            await uow.subscriptions.add(user.id, uuid4(), NOW)


async def test_subscriptions_are_listed_per_user_newest_first_past_and_cancelled_too(
    new_uow: NewUnitOfWork,
) -> None:
    priya, rahul = a_user("priya"), a_user("rahul")
    gig, over = an_event(title="Gig"), an_event(NOW - timedelta(days=9), title="Old")
    cancelled = an_event(title="Called off")
    await given(new_uow(), users=(priya, rahul), events=(gig, over, cancelled))
    async with new_uow() as uow:
        cancelled.cancel()
        await uow.events.save(cancelled)
        for minutes, event in enumerate((over, gig, cancelled)):
            await uow.subscriptions.add(priya.id, event.id, NOW + timedelta(minutes=minutes))
        await uow.subscriptions.add(rahul.id, gig.id, NOW)
        await uow.commit()

    async with new_uow() as uow:
        mine = await uow.subscriptions.list_for_user(priya.id, ALL)
        second_page = await uow.subscriptions.list_for_user(priya.id, PageRequest(2, 2))
        past_the_end = await uow.subscriptions.list_for_user(priya.id, PageRequest(9, 2))
        rahuls = await uow.subscriptions.list_for_user(rahul.id, ALL)

    assert [s.event.id for s in mine.items] == [cancelled.id, gig.id, over.id]
    assert [s.subscribed_at for s in mine.items] == [NOW + timedelta(minutes=m) for m in (2, 1, 0)]
    assert mine.items[1].event == gig
    assert ([s.event.id for s in second_page.items], second_page.total) == ([over.id], 3)
    assert (past_the_end.items, past_the_end.total) == ([], 3)
    assert [s.event.id for s in rahuls.items] == [gig.id]


async def test_unsubscribing_removes_one_users_row_and_is_harmless_when_not_subscribed(
    new_uow: NewUnitOfWork,
) -> None:
    priya, rahul, event = a_user("priya"), a_user("rahul"), an_event()
    await given(new_uow(), users=(priya, rahul), events=(event,))
    async with new_uow() as uow:
        await uow.subscriptions.add(priya.id, event.id, NOW)
        await uow.subscriptions.add(rahul.id, event.id, NOW)
        await uow.commit()

    async with new_uow() as uow:
        await uow.subscriptions.remove(priya.id, event.id)
        await uow.subscriptions.remove(priya.id, event.id)
        await uow.subscriptions.remove(priya.id, uuid4())
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.subscriptions.subscribed_at(priya.id, event.id) is None
        assert await uow.subscriptions.subscribed_at(rahul.id, event.id) == NOW


async def test_the_audience_is_the_subscribers_and_the_savers_of_that_event_only(
    new_uow: NewUnitOfWork,
) -> None:
    subscriber, saver, both, other = (a_user(n) for n in ("sub", "saver", "both", "other"))
    event, elsewhere = an_event(), an_event()
    await given(new_uow(), users=(subscriber, saver, both, other), events=(event, elsewhere))
    async with new_uow() as uow:
        for user in (subscriber, both):
            await uow.subscriptions.add(user.id, event.id, NOW)
        for user in (saver, both):
            await uow.saved_events.add(user.id, event.id, NOW)
        await uow.subscriptions.add(other.id, elsewhere.id, NOW)
        await uow.saved_events.add(other.id, elsewhere.id, NOW)
        await uow.commit()

    async with new_uow() as uow:
        audience = await uow.subscriptions.audience(event.id)
        nobody = await uow.subscriptions.audience(uuid4())

    assert audience == {subscriber.id, saver.id, both.id}
    assert nobody == set()


async def test_deleting_an_event_deletes_its_subscriptions(new_uow: NewUnitOfWork) -> None:
    user, event = a_user("priya"), an_event()
    await given(new_uow(), users=(user,), events=(event,))
    async with new_uow() as uow:
        await uow.subscriptions.add(user.id, event.id, NOW)
        await uow.commit()

    async with new_uow() as uow:
        await uow.events.delete(event.id)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.subscriptions.audience(event.id) == set()
        assert (await uow.subscriptions.list_for_user(user.id, ALL)).total == 0
