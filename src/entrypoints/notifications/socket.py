"""GET /ws/notifications: sign in, catch up on what was missed, then live notifications.

Close codes: 4401 bad, missing or expired token (also when the token expires while the
socket is open); 4400 a malformed first message or `last_id`; 1009 a client message above
8 KiB; 4408 no answer to a ping in time; 1013 the client fell too far behind, or the history
could not be read (the database is away); 1001 the server is shutting down.
"""

import asyncio
import contextlib
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from litestar import WebSocket, websocket
from litestar.di import NamedDependency
from litestar.exceptions import WebSocketDisconnect
from loguru import logger

from boxoffice.application.errors import StorageUnavailable
from boxoffice.application.ports.security import TokenVerifier
from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.replay_notifications import ReplayNotifications, ReplayQuery
from boxoffice.entrypoints.notifications.hub import TRY_AGAIN_LATER, Connection, Hub
from boxoffice.entrypoints.notifications.sign_in import TOO_BIG, Refused, sign_in, too_big
from boxoffice.entrypoints.notifications.wire import PING, ready, render

NO_PONG = 4408
UNAUTHORISED = 4401
Verdict = tuple[int, str] | None  # None: the client went away, nothing to close


@dataclass(frozen=True, slots=True)
class SocketPolicy:
    auth_timeout: float = 5.0
    heartbeat_interval: float = 20.0
    heartbeat_timeout: float = 10.0


@websocket("/ws/notifications")
async def notifications_socket(
    socket: WebSocket[Any, Any, Any],
    hub: NamedDependency[Hub],
    tokens: NamedDependency[TokenVerifier],
    replay_notifications: NamedDependency[ReplayNotifications],
    socket_policy: NamedDependency[SocketPolicy],
) -> None:
    await socket.accept()
    try:
        principal, last_id = await sign_in(socket, tokens, socket_policy.auth_timeout)
    except Refused as refused:
        await socket.close(refused.code, refused.reason)
        return
    # Subscribed before the history is read, so nothing falls between the two.
    connection = hub.connect(principal.user_id, socket.send_text)
    logger.info("socket opened for {} ({} held)", principal.user_id, hub.connections)
    verdict: Verdict = None
    try:
        sent = await _catch_up(socket, replay_notifications, principal, last_id)
        verdict = await _supervise(socket, connection, sent, principal, socket_policy)
    except WebSocketDisconnect:
        verdict = None
    except StorageUnavailable:  # logged where it was seen; the client resumes from `last_id`
        verdict = (TRY_AGAIN_LATER, "storage unavailable, try again later")
    finally:
        hub.disconnect(connection)
        logger.info("socket of {} closed: {}", principal.user_id, verdict or "by the client")
    if verdict is not None:
        with contextlib.suppress(Exception):  # the client may be gone already
            await socket.close(*verdict)


async def _catch_up(
    socket: WebSocket[Any, Any, Any],
    replay: ReplayNotifications,
    principal: Principal,
    last_id: int | None,
) -> set[int]:
    """Send every notification missed since `last_id`, page by page, then `ready`."""
    sent: set[int] = set()
    after = last_id
    while after is not None:
        page = await replay.execute(ReplayQuery(principal, after))
        for notification in page:
            await socket.send_text(render(notification))
            sent.add(notification.id)
        after = page[-1].id if len(page) == replay.page_size else None
    await socket.send_text(ready(principal.user_id, len(sent)))
    return sent


async def _supervise(
    socket: WebSocket[Any, Any, Any],
    connection: Connection,
    sent: set[int],
    principal: Principal,
    policy: SocketPolicy,
) -> Verdict:
    """Run the socket's duties side by side; the first to end decides how it closes."""
    heard = _Heard()
    duties: list[Coroutine[Any, Any, Verdict]] = [
        _write(connection, sent),
        _listen(socket, heard),
        _heartbeat(connection, heard, policy),
        _expiry(principal.expires_at),
        _condemned(connection),
    ]
    tasks = [asyncio.create_task(duty) for duty in duties]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        return next(iter(done)).result()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


class _Heard:
    def __init__(self) -> None:
        self.at = asyncio.get_running_loop().time()


async def _write(connection: Connection, sent: set[int]) -> Verdict:
    try:
        await connection.write(sent)
    except (WebSocketDisconnect, OSError, RuntimeError):
        return None
    return None


async def _listen(socket: WebSocket[Any, Any, Any], heard: _Heard) -> Verdict:
    """Any message from the client counts as a sign of life (a pong above all)."""
    loop = asyncio.get_running_loop()
    try:
        while True:
            if too_big(await socket.receive_data(mode="text")):
                return (TOO_BIG, "a client message must be at most 8 KiB")
            heard.at = loop.time()
    except WebSocketDisconnect:
        return None


async def _heartbeat(connection: Connection, heard: _Heard, policy: SocketPolicy) -> Verdict:
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(policy.heartbeat_interval)
        pinged = loop.time()
        connection.offer(0, PING)
        await asyncio.sleep(policy.heartbeat_timeout)
        if heard.at < pinged:
            return (NO_PONG, "no answer to ping")


async def _expiry(expires_at: datetime | None) -> Verdict:
    if expires_at is None:
        await asyncio.Event().wait()  # never
    else:
        await asyncio.sleep(max(0.0, (expires_at - datetime.now(UTC)).total_seconds()))
    return (UNAUTHORISED, "token expired")


async def _condemned(connection: Connection) -> Verdict:
    return await connection.condemned()
