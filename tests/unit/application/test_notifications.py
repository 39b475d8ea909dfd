"""The notification use cases against in-memory fakes of the unit of work and the fan-out."""

from uuid import uuid4

import pytest

from boxoffice.application.errors import StorageUnavailable
from boxoffice.application.models.messages import ChangeAction
from boxoffice.application.models.notifications import Notification, NotificationNotFound
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
from tests.fake_notifications import (
    InMemoryNotificationDatabase,
    InMemoryNotificationUnitOfWork,
    RecordingFanout,
    a_change,
)


@pytest.fixture
def database() -> InMemoryNotificationDatabase:
    return InMemoryNotificationDatabase()


@pytest.fixture
def uow(database: InMemoryNotificationDatabase) -> InMemoryNotificationUnitOfWork:
    return InMemoryNotificationUnitOfWork(database)


@pytest.fixture
def fanout() -> RecordingFanout:
    return RecordingFanout()


@pytest.fixture
def record(uow: InMemoryNotificationUnitOfWork, fanout: RecordingFanout) -> RecordNotification:
    return RecordNotification(uow, fanout)


def someone() -> Principal:
    return Principal(uuid4(), Role.CUSTOMER)


async def test_a_change_is_stored_then_fanned_out_as_stored(
    record: RecordNotification, uow: InMemoryNotificationUnitOfWork, fanout: RecordingFanout
) -> None:
    fan = uuid4()

    stored = await record.execute(a_change(ChangeAction.UPDATED, recipients=(fan,)))

    assert stored is not None
    assert uow.database.committed.notifications == [stored]
    assert fanout.published == [stored]
    assert stored.recipients == frozenset({fan})


async def test_a_redelivered_message_is_neither_stored_nor_pushed_again(
    record: RecordNotification, uow: InMemoryNotificationUnitOfWork, fanout: RecordingFanout
) -> None:
    change = a_change()

    first = await record.execute(change)
    again = await record.execute(change)

    assert first is not None
    assert again is None
    assert len(uow.database.committed.notifications) == 1
    assert fanout.published == [first]


class CommitCheckingFanout(RecordingFanout):
    """Notes, at each push, whether the notification's row was committed by then."""

    def __init__(self, database: InMemoryNotificationDatabase) -> None:
        super().__init__()
        self._database = database
        self.committed_when_pushed: list[bool] = []

    async def publish(self, notification: Notification) -> None:
        settled = not self._database.lock.locked()  # the transaction is over, too
        self.committed_when_pushed.append(
            settled and notification in self._database.committed.notifications
        )
        await super().publish(notification)


class CommitFails(InMemoryNotificationUnitOfWork):
    async def commit(self) -> None:
        raise StorageUnavailable("the database is unavailable; try again shortly")


async def test_a_notification_is_pushed_only_once_its_row_is_committed(
    uow: InMemoryNotificationUnitOfWork, database: InMemoryNotificationDatabase
) -> None:
    fanout = CommitCheckingFanout(database)

    await RecordNotification(uow, fanout).execute(a_change())

    assert fanout.committed_when_pushed == [True]


async def test_a_notification_whose_commit_fails_is_neither_kept_nor_pushed(
    database: InMemoryNotificationDatabase, fanout: RecordingFanout
) -> None:
    with pytest.raises(StorageUnavailable):
        await RecordNotification(CommitFails(database), fanout).execute(a_change())

    assert database.committed.notifications == []
    assert fanout.published == []


async def test_a_redelivery_and_a_refused_mark_commit_nothing(
    record: RecordNotification, uow: InMemoryNotificationUnitOfWork
) -> None:
    change = a_change(ChangeAction.DELETED, recipients=(uuid4(),))
    theirs = await record.execute(change)
    assert theirs
    commits = uow.database.commits

    await record.execute(change)
    with pytest.raises(NotificationNotFound):
        await MarkNotificationRead(uow).execute(MarkNotificationReadCommand(someone(), theirs.id))

    assert uow.database.commits == commits


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
    record: RecordNotification, uow: InMemoryNotificationUnitOfWork
) -> None:
    me = someone()
    first = await record.execute(a_change(ChangeAction.UPDATED, recipients=(me.user_id,)))
    second = await record.execute(a_change())
    await record.execute(a_change(ChangeAction.UPDATED, recipients=(uuid4(),)))
    assert first is not None
    assert second is not None
    await MarkNotificationRead(uow).execute(MarkNotificationReadCommand(me, first.id))
    listing = ListNotifications(uow)

    everything = await listing.execute(ListNotificationsQuery(me, PageRequest(1, 10)))
    unread = await listing.execute(ListNotificationsQuery(me, PageRequest(1, 10), True))

    assert [(i.notification.id, i.read) for i in everything.items] == [
        (second.id, False),
        (first.id, True),
    ]
    assert [i.notification.id for i in unread.items] == [second.id]


async def test_marking_a_notification_that_is_not_the_callers_is_not_found(
    record: RecordNotification, uow: InMemoryNotificationUnitOfWork
) -> None:
    theirs = await record.execute(a_change(ChangeAction.DELETED, recipients=(uuid4(),)))
    assert theirs

    with pytest.raises(NotificationNotFound):
        await MarkNotificationRead(uow).execute(MarkNotificationReadCommand(someone(), theirs.id))


async def test_read_all_leaves_nothing_unread(
    record: RecordNotification, uow: InMemoryNotificationUnitOfWork
) -> None:
    me = someone()
    for _ in range(3):
        await record.execute(a_change())

    await MarkAllNotificationsRead(uow).execute(me)

    unread = await ListNotifications(uow).execute(
        ListNotificationsQuery(me, PageRequest(1, 10), True)
    )
    assert unread.total == 0


async def test_replay_gives_a_page_of_what_was_missed_after_the_last_id(
    record: RecordNotification, uow: InMemoryNotificationUnitOfWork
) -> None:
    me = someone()
    stored = [await record.execute(a_change()) for _ in range(5)]
    ids = [n.id for n in stored if n]

    missed = await ReplayNotifications(uow, page_size=3).execute(ReplayQuery(me, ids[0]))

    assert [n.id for n in missed] == ids[1:4]
