"""One contract for the NotificationStore port within its unit of work: the in-memory fake,
SQLite and PostgreSQL."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar
from uuid import UUID, uuid4

import pytest

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.notification_unit_of_work import (
    SqlAlchemyNotificationUnitOfWork,
)
from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.models.notifications import HistoryItem, Notification
from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.notifications import NotificationStore, NotificationUnitOfWork
from boxoffice.application.use_cases.record_notification import RecordNotification
from tests.fake_notifications import (
    InMemoryNotificationDatabase,
    InMemoryNotificationUnitOfWork,
    RecordingFanout,
    a_change,
)

UPDATED, DELETED = ChangeAction.UPDATED, ChangeAction.DELETED
ALL = PageRequest(1, 100)
T = TypeVar("T")
NewUnitOfWork = Callable[[], NotificationUnitOfWork]


@pytest.fixture
async def new_uow(backend: str) -> AsyncIterator[NewUnitOfWork]:
    """Makes units of work that all share one database of the backend under test."""
    if backend == "memory":
        database = InMemoryNotificationDatabase()
        yield lambda: InMemoryNotificationUnitOfWork(database)
        return
    engine = create_engine(backend)
    try:
        yield lambda: SqlAlchemyNotificationUnitOfWork(engine)
    finally:
        await engine.dispose()


class Committed:
    """The store as the use cases use it: each call in a unit of work of its own, committed."""

    def __init__(self, new_uow: NewUnitOfWork) -> None:
        self._new_uow = new_uow

    async def _in_one(self, call: Callable[[NotificationStore], Awaitable[T]]) -> T:
        async with self._new_uow() as uow:
            result = await call(uow.notifications)
            await uow.commit()
        return result

    async def record(self, change: EventChange) -> Notification | None:
        return await self._in_one(lambda s: s.record(change))

    async def missed(self, user_id: UUID, after_id: int, limit: int) -> list[Notification]:
        return await self._in_one(lambda s: s.missed(user_id, after_id, limit))

    async def history(
        self, user_id: UUID, page: PageRequest, unread_only: bool
    ) -> Page[HistoryItem]:
        return await self._in_one(lambda s: s.history(user_id, page, unread_only))

    async def mark_read(self, user_id: UUID, notification_id: int) -> bool:
        return await self._in_one(lambda s: s.mark_read(user_id, notification_id))

    async def mark_all_read(self, user_id: UUID) -> None:
        await self._in_one(lambda s: s.mark_all_read(user_id))


@pytest.fixture
def store(new_uow: NewUnitOfWork) -> NotificationStore:
    return Committed(new_uow)


async def test_a_recorded_change_comes_back_numbered_with_its_audience(
    store: NotificationStore,
) -> None:
    creator, fan = uuid4(), uuid4()
    change = a_change(UPDATED, recipients=(fan,), creator=creator, title="Jazz, moved")

    stored = await store.record(change)

    assert stored is not None
    assert stored.id >= 1
    assert (stored.event_id, stored.action, stored.title) == (
        change.event_id,
        UPDATED,
        "Jazz, moved",
    )
    assert (stored.actor, stored.occurred_at) == (change.actor, change.occurred_at)
    assert not stored.for_everyone
    assert [stored.reaches(u) for u in (fan, creator, uuid4())] == [True, True, False]


async def test_a_second_delivery_of_one_message_is_not_recorded(store: NotificationStore) -> None:
    change = a_change()

    first, second = await store.record(change), await store.record(change)

    assert first is not None
    assert second is None
    assert len((await store.history(uuid4(), ALL, False)).items) == 1


async def test_two_racing_deliveries_of_one_message_record_it_once(
    store: NotificationStore,
) -> None:
    change = a_change()

    outcomes = await asyncio.gather(*(store.record(change) for _ in range(5)))

    assert sum(outcome is not None for outcome in outcomes) == 1


async def test_ids_grow_in_the_order_of_recording(store: NotificationStore) -> None:
    ids = [(await store.record(a_change())) for _ in range(3)]

    numbers = [stored.id for stored in ids if stored is not None]
    assert numbers == sorted(numbers)
    assert len(set(numbers)) == 3


async def test_missed_gives_the_users_notifications_after_an_id_oldest_first(
    store: NotificationStore,
) -> None:
    me, other = uuid4(), uuid4()
    first = await store.record(a_change())  # everyone
    await store.record(a_change(UPDATED, recipients=(other,)))  # not mine
    second = await store.record(a_change(UPDATED, recipients=(me,)))
    third = await store.record(a_change(DELETED, recipients=(), creator=me))
    assert first is not None
    assert second is not None
    assert third is not None

    assert [n.id for n in await store.missed(me, 0, 10)] == [first.id, second.id, third.id]
    assert [n.id for n in await store.missed(me, first.id, 10)] == [second.id, third.id]
    assert [n.id for n in await store.missed(me, first.id, 1)] == [second.id]
    assert await store.missed(me, third.id, 10) == []


async def test_history_is_the_users_own_newest_first_with_a_total(
    store: NotificationStore,
) -> None:
    me, other = uuid4(), uuid4()
    mine = [await store.record(a_change(UPDATED, recipients=(me,))) for _ in range(3)]
    await store.record(a_change(UPDATED, recipients=(other,)))

    page_one = await store.history(me, PageRequest(1, 2), False)
    page_two = await store.history(me, PageRequest(2, 2), False)

    expected = [n.id for n in reversed(mine) if n]
    assert [i.notification.id for i in page_one.items + page_two.items] == expected
    assert (page_one.total, page_two.total) == (3, 3)
    assert not any(i.read for i in page_one.items + page_two.items)
    assert (await store.history(other, ALL, False)).total == 1


async def test_a_page_past_the_end_is_empty_but_keeps_the_total(store: NotificationStore) -> None:
    me = uuid4()
    await store.record(a_change(recipients=(me,)))

    page = await store.history(me, PageRequest(5, 10), False)

    assert (page.items, page.total) == ([], 1)


async def test_marking_one_read_marks_it_for_that_user_only(store: NotificationStore) -> None:
    me, you = uuid4(), uuid4()
    shared = await store.record(a_change())  # everyone
    assert shared

    assert await store.mark_read(me, shared.id)
    assert await store.mark_read(me, shared.id)  # again: harmless

    assert [i.read for i in (await store.history(me, ALL, False)).items] == [True]
    assert [i.read for i in (await store.history(you, ALL, False)).items] == [False]
    assert (await store.history(me, ALL, True)).total == 0


async def test_marking_someone_elses_or_an_unknown_notification_is_refused(
    store: NotificationStore,
) -> None:
    me, other = uuid4(), uuid4()
    theirs = await store.record(a_change(UPDATED, recipients=(other,)))
    assert theirs

    assert not await store.mark_read(me, theirs.id)
    assert not await store.mark_read(me, theirs.id + 1000)
    assert (await store.history(other, ALL, True)).total == 1


async def test_read_all_marks_everything_so_far_and_later_ones_arrive_unread(
    store: NotificationStore,
) -> None:
    me = uuid4()
    for _ in range(3):
        await store.record(a_change(UPDATED, recipients=(me,)))
    await store.mark_all_read(me)
    later = await store.record(a_change(UPDATED, recipients=(me,)))
    assert later

    unread = await store.history(me, ALL, True)

    assert [i.notification.id for i in unread.items] == [later.id]
    assert [i.read for i in (await store.history(me, ALL, False)).items] == [
        False,
        True,
        True,
        True,
    ]


async def test_read_all_with_nothing_recorded_is_harmless(store: NotificationStore) -> None:
    await store.mark_all_read(uuid4())


async def test_what_a_unit_of_work_left_uncommitted_is_not_kept(
    new_uow: NewUnitOfWork, store: NotificationStore
) -> None:
    me, change = uuid4(), a_change()
    kept = await store.record(a_change())
    assert kept

    async with new_uow() as uow:
        assert await uow.notifications.record(change)
        assert await uow.notifications.mark_read(me, kept.id)
        await uow.notifications.mark_all_read(uuid4())

    assert [i.notification.id for i in (await store.history(me, ALL, False)).items] == [kept.id]
    assert (await store.history(me, ALL, True)).total == 1
    assert await store.record(change) is not None  # its message id was not taken either


async def test_a_unit_of_work_sees_its_own_writes_before_it_commits(
    new_uow: NewUnitOfWork, store: NotificationStore
) -> None:
    me = uuid4()
    async with new_uow() as uow:
        stored = await uow.notifications.record(a_change())
        assert stored
        assert await uow.notifications.mark_read(me, stored.id)

        seen = await uow.notifications.history(me, ALL, False)
        missed = await uow.notifications.missed(me, 0, 10)
        await uow.commit()

    assert [(i.notification.id, i.read) for i in seen.items] == [(stored.id, True)]
    assert [n.id for n in missed] == [stored.id]
    assert [i.read for i in (await store.history(me, ALL, False)).items] == [True]


async def test_a_rollback_discards_the_writes_and_the_unit_of_work_goes_on(
    new_uow: NewUnitOfWork, store: NotificationStore
) -> None:
    dropped, kept = a_change(title="Dropped"), a_change(title="Kept")
    uow = new_uow()
    async with uow:
        await uow.notifications.record(dropped)
        await uow.rollback()
        await uow.notifications.record(kept)
        await uow.commit()
    async with uow:  # entered again: a new transaction
        assert await uow.notifications.record(kept) is None

    titles = [i.notification.title for i in (await store.history(uuid4(), ALL, False)).items]
    assert titles == ["Kept"]


async def test_a_unit_of_work_that_is_open_cannot_be_entered_again(
    new_uow: NewUnitOfWork,
) -> None:
    uow = new_uow()
    async with uow:
        with pytest.raises(RuntimeError, match="already open"):
            await uow.__aenter__()


class ReadingBackFanout(RecordingFanout):
    """At each push, reads the history in a transaction of its own, as another process would."""

    def __init__(self, new_uow: NewUnitOfWork) -> None:
        super().__init__()
        self._new_uow = new_uow
        self.seen_when_pushed: list[list[int]] = []

    async def publish(self, notification: Notification) -> None:
        async with self._new_uow() as uow:
            page = await uow.notifications.history(uuid4(), ALL, False)
        self.seen_when_pushed.append([i.notification.id for i in page.items])
        await super().publish(notification)


async def test_recording_pushes_a_notification_only_once_its_row_is_committed(
    new_uow: NewUnitOfWork,
) -> None:
    fanout = ReadingBackFanout(new_uow)
    record = RecordNotification(new_uow(), fanout)

    first, second = await record.execute(a_change()), await record.execute(a_change())

    assert first
    assert second
    assert fanout.seen_when_pushed == [[first.id], [second.id, first.id]]
    assert fanout.published == [first, second]
