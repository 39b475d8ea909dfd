"""Benchmark WebSocket notifications through real server processes on 127.0.0.1.

    .venv/bin/python bench/delivery.py --connections 5000 --events 60 --rate 1

Starts the event service and the notification service (one embedded process over the
in-memory broker, or two processes over Redis or RabbitMQ with `--broker`), signs up
`--users` customers, holds `--connections` WebSocket connections spread over them, then
creates `--events` events at `--rate` a second through the API. Every connection should
receive every `event.created` notification; the figures are the delay from the commit
(the API's answer) to each connection receiving it, and how many were missed.
"""

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import websockets
from run import DEFAULT_POSTGRES, PASSWORD, event_body
from servers import ADMIN, Server, environment, prepare_database, running_server

BROKERS = {
    "memory": "memory://",
    "redis": "redis://127.0.0.1:6379/7",
    "amqp": "amqp://guest:guest@127.0.0.1:5672/",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--broker", choices=sorted(BROKERS), default="memory")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--connections", type=int, default=5000)
    parser.add_argument("--users", type=int, default=50, help="the connections are spread over")
    parser.add_argument("--events", type=int, default=60, help="events created while measuring")
    parser.add_argument("--rate", type=float, default=1.0, help="events created per second")
    parser.add_argument("--log-level", default="WARNING")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BOXOFFICE_BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
        help="a database this benchmark may empty (default: $BOXOFFICE_BENCH_POSTGRES_URL)",
    )
    args = parser.parse_args()
    if not 1 <= args.connections <= 10_000 or not 1 <= args.events <= 1_000:
        parser.error("--connections must be in [1, 10000] and --events in [1, 1000]")
    if not 0 < args.rate <= 50 or not 1 <= args.users <= args.connections:
        parser.error("--rate must be in (0, 50] and --users in [1, --connections]")
    if "127.0.0.1" not in args.postgres_url and "localhost" not in args.postgres_url:
        parser.error("--postgres-url must point at 127.0.0.1")
    return args


@contextmanager
def services(args: argparse.Namespace, workdir: Path) -> Iterator[tuple[Server, Server]]:
    """The event service and the notification service (the same process when embedded)."""
    database = (
        args.postgres_url if args.database == "postgres" else f"sqlite+aiosqlite:///{workdir}/b.db"
    )
    env = environment(database, args.log_level) | {"BOXOFFICE_BROKER_URL": BROKERS[args.broker]}
    if args.broker != "memory":  # the notification processes' fan-out
        env["BOXOFFICE_REDIS_URL"] = "redis://127.0.0.1:6379/7"
    prepare_database(env, workdir)
    with ExitStack() as stack:
        events = stack.enter_context(running_server(env, workdir, workers=1))
        if args.broker == "memory":
            yield events, events
        else:
            notifications = stack.enter_context(
                running_server(env, workdir, workers=1, service="notifications")
            )
            yield events, notifications


async def sign_up(client: httpx.AsyncClient, users: int) -> list[str]:
    gate = asyncio.Semaphore(16)
    suffix = os.urandom(3).hex()

    async def one(i: int) -> str:
        name = f"fan_{suffix}_{i}"
        async with gate:
            body = {"username": name, "email": f"{name}@bench.example.org", "password": PASSWORD}
            (await client.post("/auth/register", json=body)).raise_for_status()
            login = {"login": name, "password": PASSWORD}
            answer = (await client.post("/auth/login", json=login)).raise_for_status().json()
            return str(answer["access_token"])

    return list(await asyncio.gather(*(one(i) for i in range(users))))


class Listeners:
    """The connections, and when each notification reached each of them."""

    def __init__(self) -> None:
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self.open = 0
        self.failed = 0
        self.dropped = 0

    async def listen(self, url: str, token: str, ready: asyncio.Semaphore) -> None:
        try:
            async with websockets.connect(
                f"{url}/ws/notifications?token={token}", open_timeout=60, max_queue=None
            ) as socket:
                self.open += 1
                ready.release()
                async for raw in socket:
                    now = time.perf_counter()
                    message = json.loads(raw)
                    if message.get("type") == "ping":
                        await socket.send('{"type": "pong"}')
                    elif message.get("type") == "notification":
                        self.arrivals[message["event"]["id"]].append(now)
        except asyncio.CancelledError:
            raise
        except Exception:
            self.failed += 1
            ready.release()
        else:
            self.dropped += 1


async def connect_all(
    url: str, tokens: list[str], connections: int, listeners: Listeners
) -> list[asyncio.Task[None]]:
    """Opens the connections 200 at a time, waiting until each batch is open."""
    ws_url = url.replace("http://", "ws://")
    tasks = []
    for start in range(0, connections, 200):
        batch = range(start, min(start + 200, connections))
        ready = asyncio.Semaphore(0)
        for i in batch:
            tasks.append(
                asyncio.create_task(listeners.listen(ws_url, tokens[i % len(tokens)], ready))
            )
        for _ in batch:
            await ready.acquire()
    return tasks


async def create_events(
    client: httpx.AsyncClient, count: int, rate: float
) -> dict[str, tuple[float, float]]:
    """Event id -> (request sent, answer received), one event every 1/rate seconds."""
    import random

    rng = random.Random(7)
    login = {"login": ADMIN[0], "password": ADMIN[2]}
    admin = (await client.post("/auth/login", json=login)).raise_for_status().json()
    headers = {"Authorization": f"Bearer {admin['access_token']}"}
    times: dict[str, tuple[float, float]] = {}
    began = time.perf_counter()
    for n in range(count):
        await asyncio.sleep(max(0.0, began + n / rate - time.perf_counter()))
        sent = time.perf_counter()
        answer = await client.post("/events", json=event_body(rng, 100), headers=headers)
        times[answer.raise_for_status().json()["id"]] = (sent, time.perf_counter())
    return times


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 10) - 1]


def report(
    args: argparse.Namespace,
    listeners: Listeners,
    times: dict[str, tuple[float, float]],
    open_seconds: float,
) -> str:
    delays = [
        (arrival - answered) * 1000
        for event_id, (_, answered) in times.items()
        for arrival in listeners.arrivals.get(event_id, [])
    ]
    expected = listeners.open * len(times)
    lines = [
        f"broker {args.broker}, database {args.database}: {listeners.open} connections open "
        f"({listeners.failed} failed) in {open_seconds:.1f} s over {args.users} users; "
        f"{len(times)} events at {args.rate}/s",
        f"deliveries {len(delays)} of {expected} expected "
        f"({expected - len(delays)} missing, {listeners.dropped} connections closed by the server)",
    ]
    if len(delays) >= 2:
        lines.append(
            "delay from the commit (API answer) to the socket, ms: "
            f"p50 {percentile(delays, 50):.0f}, p95 {percentile(delays, 95):.0f}, "
            f"p99 {percentile(delays, 99):.0f}, max {max(delays):.0f}"
        )
    return "\n".join(lines)


async def measure(args: argparse.Namespace, events: Server, notifications: Server) -> str:
    async with httpx.AsyncClient(base_url=events.url, timeout=60) as client:
        tokens = await sign_up(client, args.users)
        listeners = Listeners()
        began = time.perf_counter()
        tasks = await connect_all(notifications.url, tokens, args.connections, listeners)
        open_seconds = time.perf_counter() - began
        times = await create_events(client, args.events, args.rate)
        await asyncio.sleep(3)  # the last ones in flight
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return report(args, listeners, times, open_seconds)


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="boxoffice-bench-") as tmp:
        workdir = Path(tmp)
        with services(args, workdir) as (events, notifications):
            print(asyncio.run(measure(args, events, notifications)))


if __name__ == "__main__":
    main()
