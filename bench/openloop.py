"""An open-loop schedule and the figures taken from it, with no I/O of their own.

Open loop: request k is due at `start + k / rate` and is sent then, whether or not the
earlier ones have been answered. Its latency is measured from when it was due, not from when
it left, so a server (or a load generator) that falls behind shows up in the figures instead
of silently sending less (coordinated omission).
"""

import asyncio
import math
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

NO_ANSWER = 0  # the status recorded when no HTTP answer came back


def due_times(rate: float, seconds: float, start: float = 0.0) -> list[float]:
    """When each of `rate` requests a second over `seconds` is due: evenly spaced, the first
    at `start`, none at or after `start + seconds`."""
    if rate <= 0 or seconds <= 0:
        return []
    count = math.ceil(rate * seconds - 1e-9)
    return [start + k / rate for k in range(count)]


def percentile(values: Iterable[float], p: float) -> float:
    """The nearest-rank percentile: the smallest value with at least p % of them at or below
    it (p in (0, 100]); NaN for no values."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    if not 0 < p <= 100:
        raise ValueError("p must be in (0, 100]")
    rank = math.ceil(p / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


@dataclass
class Route:
    """The answers of one route: latencies of the expected ones and of all, counts of every
    status. A request given up on has the time until it was given up on."""

    expected: frozenset[int]
    latencies: list[float] = field(default_factory=list)  # seconds from due to answered
    every_latency: list[float] = field(default_factory=list)  # the same, wrong answers too
    statuses: Counter[int] = field(default_factory=Counter)

    def record(self, status: int, latency: float) -> None:
        self.statuses[status] += 1
        self.every_latency.append(latency)
        if status in self.expected:
            self.latencies.append(latency)

    @property
    def answered(self) -> int:
        return sum(self.statuses.values())

    @property
    def errors(self) -> Counter[int]:
        return Counter({s: n for s, n in self.statuses.items() if s not in self.expected})

    def percentile_ms(self, p: float) -> float:
        return 1000 * percentile(self.latencies, p)


@dataclass
class Pacing:
    """How closely the generator kept to the schedule."""

    due: int = 0
    sent: int = 0
    lags: list[float] = field(default_factory=list)  # seconds from due to actually sent
    in_flight: int = 0
    most_in_flight: int = 0


async def run_schedule(
    due: list[float],
    fire: Callable[[int, float], Awaitable[None]],
    pacing: Pacing,
    clock: Callable[[], float] = time.perf_counter,
) -> None:
    """Starts `fire(k, due[k])` at each due time (absolute, on `clock`) without waiting for
    the earlier ones, then waits for all of them. `fire` measures from the due time it gets."""
    tasks: set[asyncio.Task[None]] = set()

    async def one(k: int, at: float) -> None:
        pacing.in_flight += 1
        pacing.most_in_flight = max(pacing.most_in_flight, pacing.in_flight)
        try:
            await fire(k, at)
        finally:
            pacing.in_flight -= 1

    pacing.due += len(due)
    for k, at in enumerate(due):
        delay = at - clock()
        if delay > 0:
            await asyncio.sleep(delay)
        pacing.lags.append(max(0.0, clock() - at))
        pacing.sent += 1
        task = asyncio.create_task(one(k, at))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.gather(*tasks)
