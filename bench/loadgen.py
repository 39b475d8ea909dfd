"""A closed-loop load generator: `concurrency` asyncio tasks, each sending its next request as
soon as the previous one is answered, over its own keep-alive connection.

Each task has its own one-connection httpx client: one client with 64 connections spends so
much CPU in its pool bookkeeping that it, not the server, sets the pace (about 80 requests/s
against 1,000/s here).

It runs in one Python process on the same machine as the server and takes CPU from it; the
`loader CPU` figure says how much (1.0 = one whole core).
"""

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field

import httpx

Request = Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]
TRANSPORT_ERROR = 0  # the status recorded when no HTTP answer came back


@dataclass
class Result:
    scenario: str
    expected_status: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # of the expected answers, in seconds
    statuses: Counter[int] = field(default_factory=Counter)
    loader_cpu: float = 0.0  # cores used by this load generator
    server_cpu: float = 0.0  # cores used by the server's processes (filled in by the caller)

    @property
    def ok(self) -> int:
        return self.statuses[self.expected_status]

    @property
    def errors(self) -> int:
        return sum(self.statuses.values()) - self.ok

    @property
    def throughput(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile_ms(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


async def run_load(
    url: str,
    scenario: str,
    request: Request,
    *,
    expected_status: int,
    concurrency: int,
    seconds: float,
    warmup: float,
    max_requests: int,
) -> Result:
    """Count only requests sent and answered inside the measured window (after the warm-up)."""
    result = Result(scenario, expected_status)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(base_url=url, limits=limits, timeout=30.0)
            )
            for _ in range(concurrency)
        ]
        begin = time.perf_counter()
        measure_from, stop_at = begin + warmup, begin + warmup + seconds
        last_counted = measure_from

        async def connection(n: int) -> None:
            nonlocal last_counted
            client = clients[n]
            while time.perf_counter() < stop_at and sum(result.statuses.values()) < max_requests:
                sent = time.perf_counter()
                try:
                    status = (await request(client, n)).status_code
                except httpx.HTTPError:
                    status = TRANSPORT_ERROR
                answered = time.perf_counter()
                if sent >= measure_from and answered <= stop_at:
                    result.statuses[status] += 1
                    last_counted = max(last_counted, answered)
                    if status == expected_status:
                        result.latencies.append(answered - sent)

        cpu_before = time.process_time()
        await asyncio.gather(*(connection(n) for n in range(concurrency)))
        result.loader_cpu = (time.process_time() - cpu_before) / (time.perf_counter() - begin)
    result.seconds = last_counted - measure_from
    return result
