"""A few at a time per key, the rest waiting in this process: for the sales of one event.

A hot event's row takes one sale at a time whatever waits on it, and PostgreSQL serves a
queue of 32 waiting sales at a third of the rate it serves two (pgbench of the sale on one
row: about 1,975 a second with 2 clients, 720 with 32). Waiting here, before a connection is
taken from the pool, keeps that queue short and keeps the pool's connections for the other
requests. A key's entry lives while someone holds or waits for a turn, no longer.
"""

import asyncio
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass


@dataclass
class _Gate:
    turns: asyncio.Semaphore
    users: int = 0  # holding or waiting


class Turns:
    """`at_once` holders per key; 0: no limit, nobody waits."""

    def __init__(self, at_once: int) -> None:
        self._at_once = at_once
        self._gates: dict[Hashable, _Gate] = {}

    @asynccontextmanager
    async def taken(self, key: Hashable) -> AsyncIterator[None]:
        if self._at_once <= 0:
            yield
            return
        gate = self._gates.get(key)
        if gate is None:
            gate = self._gates[key] = _Gate(asyncio.Semaphore(self._at_once))
        gate.users += 1
        try:
            async with gate.turns:
                yield
        finally:
            gate.users -= 1
            if gate.users == 0:
                del self._gates[key]

    def __len__(self) -> int:
        """How many keys someone holds or waits for."""
        return len(self._gates)
