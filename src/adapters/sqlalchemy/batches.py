"""Group commit: what arrives while the database is busy goes to it together, in one batch.

A few batches run at once (`at_once`); an item that arrives while they all run waits, and
the next batch takes every item waiting then, up to `most`. Under a light load each item is
a batch of its own and waits for nothing; under a heavy one a batch's round trips and its
commit are shared by many. Each batch runs in a task of its own, not in a request's, so a
request that is cancelled never cuts a batch short: its item's outcome is dropped.
"""

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")


@dataclass(frozen=True, slots=True)
class Failed:
    """One item's error, raised to its submitter alone."""

    error: BaseException


@dataclass(frozen=True, slots=True)
class _Waiting(Generic[Item, Outcome]):
    item: Item
    outcome: "asyncio.Future[Outcome]"


class Batches(Generic[Item, Outcome]):
    """`run` takes a batch and answers one outcome per item, in order, or `Failed`."""

    def __init__(
        self,
        run: Callable[[list[Item]], Awaitable[list[Outcome | Failed]]],
        *,
        at_once: int,
        most: int,
    ) -> None:
        if at_once < 1 or most < 1:
            raise ValueError("at least one batch at once, of at least one item")
        self._run = run
        self._at_once = at_once
        self._most = most
        self._waiting: deque[_Waiting[Item, Outcome]] = deque()
        self._running = 0  # counted down by a runner itself, the moment it finds nothing left
        self._tasks: set[asyncio.Task[None]] = set()  # held, so that none is collected

    async def submit(self, item: Item) -> Outcome:
        outcome: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        self._waiting.append(_Waiting(item, outcome))
        if self._running < self._at_once:
            self._running += 1
            runner = asyncio.create_task(self._drain())
            self._tasks.add(runner)
            runner.add_done_callback(self._tasks.discard)
        return await outcome  # a cancelled submitter's future is cancelled: its item is skipped

    def __len__(self) -> int:
        """Items waiting for a batch."""
        return len(self._waiting)

    async def _drain(self) -> None:
        try:
            while batch := self._next_batch():
                await self._settle(batch)
        finally:
            self._running -= 1

    async def _settle(self, batch: list[_Waiting[Item, Outcome]]) -> None:
        try:
            outcomes = await self._run([w.item for w in batch])
        except asyncio.CancelledError:
            # The loop is closing: the batch's items end with it, and those still waiting too,
            # since no runner may be left for them.
            for waiting in [*batch, *self._waiting]:
                waiting.outcome.cancel()
            self._waiting.clear()
            raise
        except Exception as e:  # a bug in `run`: every item of its batch fails with it
            outcomes = [Failed(e)] * len(batch)
        for waiting, outcome in zip(batch, outcomes, strict=True):
            if waiting.outcome.done():
                continue
            if isinstance(outcome, Failed):
                waiting.outcome.set_exception(outcome.error)
            else:
                waiting.outcome.set_result(outcome)

    def _next_batch(self) -> list[_Waiting[Item, Outcome]]:
        batch: list[_Waiting[Item, Outcome]] = []
        while self._waiting and len(batch) < self._most:
            waiting = self._waiting.popleft()
            if not waiting.outcome.done():  # not cancelled meanwhile
                batch.append(waiting)
        return batch
