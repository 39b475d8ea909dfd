"""Stopping a process's background tasks at shutdown, within a bound: a shutdown that never
returns hangs a deploy (and once hung CI for 13 minutes)."""

import asyncio

from loguru import logger

# What a task gets to finish the message in hand before it is interrupted.
STOP_TIMEOUT_S = 10.0
# What an interrupted task gets to unwind (roll back, close its connection) before it is left.
UNWIND_TIMEOUT_S = 2.0


async def stop(task: "asyncio.Task[object]", within: float = STOP_TIMEOUT_S) -> None:
    """Cancels `task` and waits for it to end, at most `within` seconds, then cancels it
    again (interrupting the step it shielded) and waits a little more, then leaves it."""
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=within)
    if not done:
        logger.warning("{} still busy after {} s; interrupting it", task.get_name(), within)
        task.cancel()
        done, _ = await asyncio.wait({task}, timeout=UNWIND_TIMEOUT_S)
    if not done:
        logger.error("{} did not stop; shutting down without it", task.get_name())
