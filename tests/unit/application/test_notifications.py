"""The notification use cases against in-memory fakes of the store and the fan-out."""

from uuid import uuid4

import pytest

from boxoffice.application.models.messages import ChangeAction
from boxoffice.application.models.notifications import NotificationNotFound
from boxoffice.application.models.pagination import PageRequest
from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.list_notifications import (
    ListNotifications,
    ListNotificationsQuery,
)
from boxoffice.application.use_cases.mark_all_notifications_read import MarkAllNotificationsRead
from boxoffice.application.use_cases.mark_notification_read import (
    MarkNotificationRead,
    MarkNotificationReadCommand,
)
from boxoffice.application.use_cases.record_notification import RecordNotification
from boxoffice.application.use_cases.replay_notifications import ReplayNotifications, ReplayQuery
from boxoffice.domain.users import Role
from tests.fake_notifications import InMemoryNotificationStore, RecordingFanout, a_change


@pytest.fixture
def store() -> InMemoryNotificationStore:
    return InMemoryNotificationStore()


@pytest.fixture
def fanout() -> RecordingFanout:
    return RecordingFanout()


@pytest.fixture
def record(store: InMemoryNotificationStore, fanout: RecordingFanout) -> RecordNotification:
    return RecordNotification(store, fanout)


def someone() -> Principal:
    return Principal(uuid4(), Role.CUSTOMER)


async def test_a_change_is_stored_then_fanned_out_as_stored(
    record: RecordNotification, store: InMemoryNotificationStore, fanout: RecordingFanout
) -> None:
    fan = uuid4()

    stored = await record.execute(a_change(ChangeAction.UPDATED, recipients=(fan,)))

    assert stored is not None
    assert store.notifications == [stored]
    assert fanout.published == [stored]
    assert stored.recipients == frozenset({fan})


async def test_a_redelivered_message_is_neither_stored_nor_pushed_again(
    record: RecordNotification, store: InMemoryNotificationStore, fanout: RecordingFanout
) -> None:
    change = a_change()

    first = await record.execute(change)
    again = await record.execute(change)

    assert first is not None
    assert again is None
    assert len(store.notifications) == 1
    assert fanout.published == [first]


async def test_a_change_for_everyone_reaches_anyone_and_an_update_only_its_audience(
    record: RecordNotification,
) -> None:
    creator, fan, stranger = uuid4(), uuid4(), uuid4()

    created = await record.execute(a_change(creator=creator))
    updated = await record.execute(
        a_change(ChangeAction.UPDATED, recipients=(fan,), creator=creator)
    )

    assert created is not None
    assert updated is not None
    assert all(created.reaches(u) for u in (creator, fan, stranger))
    assert [updated.reaches(u) for u in (fan, creator, stranger)] == [True, True, False]


async def test_the_history_lists_the_callers_notifications_and_filters_unread(
    record: RecordNotification, store: InMemoryNotificationStore
) -> None:
    me = someone()
    first = await record.execute(a_change(ChangeAction.UPDATED, recipients=(me.user_id,)))
    second = await record.execute(a_change())
    await record.execute(a_change(ChangeAction.UPDATED, recipients=(uuid4(),)))
    assert first is not None
    assert second is not None
    await MarkNotificationRead(store).execute(MarkNotificationReadCommand(me, first.id))
    listing = ListNotifications(store)

    everything = await listing.execute(ListNotificationsQuery(me, PageRequest(1, 10)))
    unread = await listing.execute(ListNotificationsQuery(me, PageRequest(1, 10), True))

    assert [(i.notification.id, i.read) for i in everything.items] == [
        (second.id, False),
        (first.id, True),
    ]
    assert [i.notification.id for i in unread.items] == [second.id]


async def test_marking_a_notification_that_is_not_the_callers_is_not_found(
    record: RecordNotification, store: InMemoryNotificationStore
) -> None:
    theirs = await record.execute(a_change(ChangeAction.DELETED, recipients=(uuid4(),)))
    assert theirs

    with pytest.raises(NotificationNotFound):
        await MarkNotificationRead(store).execute(MarkNotificationReadCommand(someone(), theirs.id))


async def test_read_all_leaves_nothing_unread(
    record: RecordNotification, store: InMemoryNotificationStore
) -> None:
    me = someone()
    for _ in range(3):
        await record.execute(a_change())

    await MarkAllNotificationsRead(store).execute(me)

    unread = await ListNotifications(store).execute(
        ListNotificationsQuery(me, PageRequest(1, 10), True)
    )
    assert unread.total == 0


async def test_replay_gives_a_page_of_what_was_missed_after_the_last_id(
    record: RecordNotification, store: InMemoryNotificationStore
) -> None:
    me = someone()
    stored = [await record.execute(a_change()) for _ in range(5)]
    ids = [n.id for n in stored if n]

    missed = await ReplayNotifications(store, page_size=3).execute(ReplayQuery(me, ids[0]))

    assert [n.id for n in missed] == ids[1:4]
