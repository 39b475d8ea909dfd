"""The relay's loop: drain the outbox whenever a commit wakes it, and poll in between.

The poll covers what the wake-up cannot see: messages written by other processes, and those
left behind by a crash or a broker outage. While the broker is down, the loop backs off
exponentially (capped) instead of hammering it.
"""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from loguru import logger

from boxoffice.application.errors import StorageUnavailable
from boxoffice.application.use_cases.relay_outbox import RelayOutbox, RelayReport
from boxoffice.entrypoints.cancellation import finish_in_hand


class OutboxWakeUp:
    """The OutboxSignal of one process: units of work call `wake`, the relay waits on it."""

    def __init__(self) -> None:
        self._woken = asyncio.Event()

    def wake(self) -> None:
        self._woken.set()

    async def wait(self, seconds: float) -> None:
        """Returns when woken, or after `seconds`."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._woken.wait(), seconds)
        self._woken.clear()


class OutboxRelay:
    def __init__(
        self,
        relay: RelayOutbox,
        wake_up: OutboxWakeUp,
        poll_seconds: float = 1.0,
        max_backoff_seconds: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._relay = relay
        self._wake_up = wake_up
        self._poll = poll_seconds
        self._max_backoff = max_backoff_seconds
        self._sleep = sleep

    async def run(self) -> None:
        """Runs until cancelled; a cancellation mid-batch lets the batch finish first (a second
        one rolls it back). The first batch waits for a wake-up or the first poll, so that
        start-up stays quick."""
        logger.info("outbox relay started (poll every {} s)", self._poll)
        backoff = self._poll
        report: RelayReport | None = RelayReport(published=0, left=0)
        try:
            while True:
                if report is None or report.broker_unavailable:
                    await self._sleep(backoff)
                    backoff = min(backoff * 2, self._max_backoff)
                else:
                    backoff = self._poll
                    if not report.full_batch:
                        await self._wake_up.wait(self._poll)
                report = await self._relay_once()
        finally:
            logger.info("outbox relay stopped")

    async def _relay_once(self) -> RelayReport | None:
        try:
            return await finish_in_hand(self._relay.execute())
        except StorageUnavailable:  # logged where it was seen; try again later, like the broker
            return None
        except Exception:
            logger.opt(exception=True).error("outbox relay failed")
            return None
