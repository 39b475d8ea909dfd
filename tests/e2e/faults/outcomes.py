"""Answers seen by a load of clients while a test breaks something underneath them."""

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

DEADLINE_S = 60.0


@dataclass
class Outcomes:
    statuses: Counter[int] = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)  # what was neither success nor 503
    unavailable: list[httpx.Response] = field(default_factory=list)
    last_success_at: float = 0.0

    def add(self, response: httpx.Response, success: int) -> None:
        self.statuses[response.status_code] += 1
        if response.status_code == success:
            self.last_success_at = time.monotonic()
        elif response.status_code == 503:
            self.unavailable.append(response)
        else:
            self.unexpected.append(f"{response.status_code} {response.text[:300]}")

    def transport_error(self, error: httpx.TransportError) -> None:
        self.statuses[0] += 1
        self.unexpected.append(f"no answer: {error!r}")

    def count(self, status: int) -> int:
        return self.statuses[status]


async def until(condition: Callable[[], bool], what: str, within: float = DEADLINE_S) -> None:
    """Polls `condition` until it holds; a loaded machine gets a generous deadline."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {within} s: {what}")
        await asyncio.sleep(0.05)


def load(
    send: Callable[[], Awaitable[httpx.Response]], outcomes: Outcomes, success: int, clients: int
) -> Callable[[], Awaitable[None]]:
    """Starts `clients` loops sending requests back to back; returns what stops them."""
    stopping = asyncio.Event()

    async def client() -> None:
        while not stopping.is_set():
            try:
                outcomes.add(await send(), success)
            except httpx.TransportError as e:
                outcomes.transport_error(e)
                await asyncio.sleep(0.05)
            # In process, an answer that needed no I/O (a refused connection's 503) comes
            # without the loop ever running anything else; a client across a network always
            # gives it its turn.
            await asyncio.sleep(0)

    tasks = [asyncio.create_task(client()) for _ in range(clients)]

    async def stop() -> None:
        stopping.set()
        await asyncio.gather(*tasks)

    return stop


async def until_true(
    attempt: Callable[[], Awaitable[bool]], what: str, within: float = DEADLINE_S
) -> None:
    """Repeats `attempt` until it returns True."""
    deadline = time.monotonic() + within
    while not await attempt():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {within} s: {what}")
        await asyncio.sleep(0.05)
