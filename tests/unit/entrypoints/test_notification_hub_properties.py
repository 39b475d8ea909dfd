"""Whatever the audiences and whoever is connected, each socket gets exactly the notifications
that reach its user, each once, in the order they were dispatched."""

import asyncio
import json
from uuid import uuid4

from hypothesis import given, settings
from hypothesis import strategies as st

from boxoffice.application.models.messages import ChangeAction
from boxoffice.application.models.notifications import Notification
from boxoffice.entrypoints.notifications.hub import Hub
from tests.fake_notifications import a_change

USERS = [uuid4() for _ in range(5)]
user_index = st.integers(0, len(USERS) - 1)
# None: for everyone; otherwise the recipients and an optional creator, by index into USERS
audience = st.one_of(
    st.none(),
    st.tuples(st.frozensets(user_index, max_size=3), st.one_of(st.none(), user_index)),
)


def notification(n: int, spec: tuple[frozenset[int], int | None] | None) -> Notification:
    if spec is None:
        return Notification.of(n, a_change())
    recipients, creator = spec
    change = a_change(
        ChangeAction.UPDATED,
        recipients=tuple(USERS[i] for i in sorted(recipients)),
        creator=None if creator is None else USERS[creator],
    )
    return Notification.of(n, change)


@settings(max_examples=60, deadline=None)
@given(
    sockets=st.lists(user_index, min_size=1, max_size=8),
    audiences=st.lists(audience, max_size=30),
)
def test_each_socket_gets_exactly_what_reaches_its_user_in_order(
    sockets: list[int], audiences: list[tuple[frozenset[int], int | None] | None]
) -> None:
    asyncio.run(_check(sockets, audiences))


async def _check(
    sockets: list[int], audiences: list[tuple[frozenset[int], int | None] | None]
) -> None:
    hub = Hub(capacity=64)
    got: list[list[int]] = [[] for _ in sockets]
    writers = []
    for index, user in enumerate(sockets):

        async def send(text: str, into: list[int] = got[index]) -> None:
            into.append(json.loads(text)["id"])

        writers.append(asyncio.create_task(hub.connect(USERS[user], send).write(set())))
    dispatched = [notification(n, spec) for n, spec in enumerate(audiences, start=1)]

    for item in dispatched:
        hub.dispatch(item)
    for _ in range(5):
        await asyncio.sleep(0)
    for writer in writers:
        writer.cancel()

    for index, user in enumerate(sockets):
        expected = [n.id for n in dispatched if n.reaches(USERS[user])]
        assert got[index] == expected, (user, got[index], expected)
