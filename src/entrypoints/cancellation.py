"""Stopping a background loop between units of work rather than in the middle of one."""

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


async def finish_in_hand(step: Coroutine[Any, Any, T]) -> T:
    """Runs `step` to its end even if the caller is cancelled meanwhile, then passes the
    cancellation on. So a stopping loop commits (or rolls back) the message in hand and closes
    its connection itself, instead of leaving it to the garbage collector. A second
    cancellation, a shutdown's deadline, interrupts the step too."""
    task = asyncio.ensure_future(step)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        if not task.done():
            await task  # cancelled again here, the step is cancelled with it
        raise
