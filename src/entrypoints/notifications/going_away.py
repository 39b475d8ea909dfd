"""Sockets are closed with 1001 when the server is told to stop, before it drops them.

granian's worker stops on SIGTERM/SIGINT through a handler on the event loop, and then drops
the open WebSockets without a close frame (clients see 1006) before the app's lifespan can
close them. So while the notification service runs, its own handler goes first: it closes
every socket with 1001, waits for them (a bounded grace), then hands the signal on.
"""

import asyncio
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from loguru import logger

from boxoffice.entrypoints.notifications.hub import Hub

SHUTDOWN_SIGNALS = (signal.SIGTERM, signal.SIGINT)
GRACE_S = 5.0
CLOSE_FRAME_S = 0.2  # after the last socket left the hub, for its close frame to go out


@contextmanager
def sockets_closed_before_shutdown(hub: Hub, grace: float = GRACE_S) -> Iterator[None]:
    """A no-op where no server set a loop handler (in-process tests, other servers)."""
    loop = asyncio.get_running_loop()
    # asyncio has no public way to read a signal's handler; without this one, nothing changes.
    installed = getattr(loop, "_signal_handlers", None)
    servers: dict[int, asyncio.Handle] = {}
    for wanted in SHUTDOWN_SIGNALS if isinstance(installed, dict) else ():
        if isinstance(handle := installed.get(wanted), asyncio.Handle):  # type: ignore[union-attr]
            servers[wanted] = handle
    closing: set[asyncio.Task[None]] = set()

    def on_signal(signum: int) -> None:
        task = loop.create_task(_close_then(hub, grace, servers[signum]))
        closing.add(task)
        task.add_done_callback(closing.discard)

    for taken in servers:
        loop.add_signal_handler(taken, on_signal, taken)
    yield


async def _close_then(hub: Hub, grace: float, server: asyncio.Handle) -> None:
    held = hub.connections
    hub.close_all()
    try:
        async with asyncio.timeout(grace):
            while hub.connections:  # noqa: ASYNC110 (the hub has no event to wait on)
                await asyncio.sleep(0.02)
            await asyncio.sleep(CLOSE_FRAME_S)
    except TimeoutError:
        logger.warning("{} sockets still open after {} s; stopping anyway", hub.connections, grace)
    logger.info("closed {} sockets with 1001; stopping", held)
    server._run()  # the server's own handler, which starts its shutdown
