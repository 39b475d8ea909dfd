"""The per-process hub: who gets a notification, and one slow client never stalls others."""

import asyncio
import json
from uuid import UUID, uuid4

from boxoffice.application.models.messages import ChangeAction
from boxoffice.application.models.notifications import Notification
from boxoffice.entrypoints.notifications.hub import GOING_AWAY, TRY_AGAIN_LATER, Connection, Hub
from tests.fake_notifications import a_change


class Client:
    """A socket's sending side that records what it got; a slow one never finishes a send."""

    def __init__(self, slow: bool = False) -> None:
        self.got: list[int] = []
        self._slow = slow

    async def send(self, text: str) -> None:
        if self._slow:
            await asyncio.Event().wait()
        self.got.append(json.loads(text)["id"])


def notification(n: int, recipients: tuple[UUID, ...] | None = None) -> Notification:
    return Notification.of(n, a_change(ChangeAction.UPDATED, recipients=recipients))


async def writing(connection: Connection, sent: set[int] | None = None) -> asyncio.Task[None]:
    return asyncio.create_task(connection.write(sent or set()))


async def test_a_slow_client_is_condemned_with_1013_while_the_others_get_everything() -> None:
    hub = Hub(capacity=8)
    slow, fast = Client(slow=True), [Client() for _ in range(3)]
    slow_connection = hub.connect(uuid4(), slow.send)
    writers = [await writing(slow_connection)]
    writers += [await writing(hub.connect(uuid4(), client.send)) for client in fast]

    for n in range(1, 1001):
        hub.dispatch(notification(n))
        if n % 4 == 0:
            await asyncio.sleep(0)  # the writers' turn, as the event loop gives it
    async with asyncio.timeout(2):
        verdict = await slow_connection.condemned()
        while any(len(client.got) < 1000 for client in fast):  # noqa: ASYNC110
            await asyncio.sleep(0.01)

    assert verdict[0] == TRY_AGAIN_LATER
    assert all(client.got == list(range(1, 1001)) for client in fast)
    for writer in writers:
        writer.cancel()


async def test_dispatching_never_waits_even_when_every_client_is_stuck() -> None:
    hub = Hub(capacity=2)
    for _ in range(100):
        hub.connect(uuid4(), Client(slow=True).send)

    for n in range(1, 1001):
        hub.dispatch(notification(n))  # synchronous: returning at all is the point


async def test_a_notification_for_some_users_goes_to_their_sockets_only() -> None:
    hub = Hub()
    fan, creator, stranger = uuid4(), uuid4(), uuid4()
    clients = {user: Client() for user in (fan, creator, stranger)}
    writers = [await writing(hub.connect(u, c.send)) for u, c in clients.items()]
    update = Notification.of(1, a_change(ChangeAction.UPDATED, recipients=(fan,), creator=creator))

    hub.dispatch(update)
    hub.dispatch(notification(2))  # for everyone
    await asyncio.sleep(0.05)

    assert clients[fan].got == [1, 2]
    assert clients[creator].got == [1, 2]
    assert clients[stranger].got == [2]
    for writer in writers:
        writer.cancel()


async def test_notifications_already_replayed_are_not_sent_again() -> None:
    hub = Hub()
    client = Client()
    writer = await writing(hub.connect(uuid4(), client.send), sent={1, 2})

    for n in (1, 2, 3):
        hub.dispatch(notification(n))
    await asyncio.sleep(0.05)

    assert client.got == [3]
    writer.cancel()


async def test_a_disconnected_socket_gets_nothing_more_and_is_not_counted() -> None:
    hub = Hub()
    client = Client()
    connection = hub.connect(uuid4(), client.send)
    writer = await writing(connection)
    hub.disconnect(connection)

    hub.dispatch(notification(1))
    await asyncio.sleep(0.05)

    assert (client.got, hub.connections) == ([], 0)
    writer.cancel()


async def test_closing_all_condemns_every_socket_with_1001() -> None:
    hub = Hub()
    connections = [hub.connect(uuid4(), Client().send) for _ in range(3)]

    hub.close_all()

    verdicts = [await c.condemned() for c in connections]
    assert {code for code, _ in verdicts} == {GOING_AWAY}
