"""Benchmark boxoffice through real server processes on 127.0.0.1.

    .venv/bin/python bench/run.py --database postgres --seconds 10

For each database and worker count it starts `boxoffice serve`, seeds events and customers
through the API, and measures three scenarios at `--concurrency` connections; it prints one
markdown table (also written to bench/results/). See bench/README.md for what each figure means.
"""

import argparse
import asyncio
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from loadgen import Request, Result, run_load
from servers import ADMIN, Server, environment, prepare_database, running_server

HERE = Path(__file__).resolve().parent
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/boxoffice_bench"
# Customers made for the run, on a database the run empties.
PASSWORD = "Bench#Pass1"  # noqa: S105


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--workers", default="1,2", help="server worker counts, e.g. 1,2")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured time per scenario")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured time first")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--events", type=int, default=500, help="events to spread bookings over")
    parser.add_argument("--max-requests", type=int, default=500_000, help="per scenario")
    parser.add_argument("--log-level", default="INFO", help="the server's BOXOFFICE_LOG_LEVEL")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BOXOFFICE_BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
        help="a database this benchmark may empty (default: $BOXOFFICE_BENCH_POSTGRES_URL)",
    )
    args = parser.parse_args()
    if not 0 < args.seconds <= 120 or not 1 <= args.concurrency <= 512:
        parser.error("--seconds must be in (0, 120] and --concurrency in [1, 512]")
    if "127.0.0.1" not in args.postgres_url and "localhost" not in args.postgres_url:
        parser.error("--postgres-url must point at 127.0.0.1")
    return args


def event_body(rng: random.Random, capacity: int) -> dict[str, object]:
    start = datetime.now(UTC) + timedelta(days=rng.randint(1, 365), hours=rng.randint(0, 23))
    return {
        "title": f"Bench show {rng.randint(1, 10**6)}",
        "location": "Main hall",
        "city": rng.choice(["Pune", "Mumbai", "Delhi", "Bengaluru"]),
        "start_time": start.isoformat(),
        "end_time": (start + timedelta(hours=3)).isoformat(),
        "capacity": capacity,
        "price": "499.00",
        "tags": rng.sample(["music", "comedy", "theatre", "tech", "food"], 2),
    }


async def seed(url: str, events: int, customers: int) -> tuple[list[str], list[str]]:
    """`events` big events (the first one is the hot one) and one customer per connection."""
    rng = random.Random(42)
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        login = {"login": ADMIN[0], "password": ADMIN[2]}
        admin = (await client.post("/auth/login", json=login)).raise_for_status().json()
        headers = {"Authorization": f"Bearer {admin['access_token']}"}
        gate = asyncio.Semaphore(16)

        async def create_event() -> str:
            async with gate:
                body = event_body(rng, capacity=1_000_000)
                response = await client.post("/events", json=body, headers=headers)
                return str(response.raise_for_status().json()["id"])

        async def customer(i: int) -> str:
            async with gate:
                name = f"bench_{rng.getrandbits(32):08x}_{i}"
                body = {
                    "username": name,
                    "email": f"{name}@bench.example.org",
                    "password": PASSWORD,
                }
                (await client.post("/auth/register", json=body)).raise_for_status()
                reply = await client.post("/auth/login", json={"login": name, "password": PASSWORD})
                return str(reply.raise_for_status().json()["access_token"])

        event_ids = await asyncio.gather(*(create_event() for _ in range(events)))
        tokens = await asyncio.gather(*(customer(i) for i in range(customers)))
    return list(event_ids), list(tokens)


def scenarios(event_ids: list[str], tokens: list[str]) -> list[tuple[str, Request, int]]:
    bearer = [{"Authorization": f"Bearer {token}"} for token in tokens]
    rng = random.Random(7)

    def list_events(client: httpx.AsyncClient, n: int) -> Awaitable[httpx.Response]:
        return client.get("/events", params={"size": 20})

    def book_hot(client: httpx.AsyncClient, n: int) -> Awaitable[httpx.Response]:
        body = {"event_id": event_ids[0], "quantity": 1}
        return client.post("/bookings", json=body, headers=bearer[n])

    def book_spread(client: httpx.AsyncClient, n: int) -> Awaitable[httpx.Response]:
        body = {"event_id": rng.choice(event_ids), "quantity": 1}
        return client.post("/bookings", json=body, headers=bearer[n])

    return [
        ("GET /events?size=20", list_events, 200),
        ("POST /bookings, one hot event", book_hot, 201),
        (f"POST /bookings, spread over {len(event_ids)} events", book_spread, 201),
    ]


async def measure(args: argparse.Namespace, server: Server) -> list[Result]:
    event_ids, tokens = await seed(server.url, args.events, args.concurrency)
    results = []
    for name, request, status in scenarios(event_ids, tokens):
        cpu_before, started = server.cpu_seconds(), time.perf_counter()
        result = await run_load(
            server.url,
            name,
            request,
            expected_status=status,
            concurrency=args.concurrency,
            seconds=args.seconds,
            warmup=args.warmup,
            max_requests=args.max_requests,
        )
        result.server_cpu = (server.cpu_seconds() - cpu_before) / (time.perf_counter() - started)
        results.append(result)
        print(f"  {name}: {result.throughput:,.0f}/s, {result.errors} errors", file=sys.stderr)
    return results


def row(database: str, workers: int, r: Result) -> str:
    latencies = [f"{r.percentile_ms(p):.1f}" for p in (50, 95, 99)]
    cpu = [f"{r.server_cpu:.2f}", f"{r.loader_cpu:.2f}"]
    cells = [database, str(workers), r.scenario, f"{r.throughput:,.0f}", *latencies]
    cells += [f"{r.ok:,}", str(r.errors), *cpu]
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    args = parse_args()
    databases = ["sqlite", "postgres"] if args.database == "all" else [args.database]
    workers = [int(w) for w in args.workers.split(",")]
    lines = [
        f"boxoffice benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}: "
        f"{os.cpu_count()} CPUs shared by server and load generator, Python "
        f"{platform.python_version()}; {args.concurrency} connections, {args.seconds:g} s "
        f"measured after {args.warmup:g} s warm-up; load average before: "
        f"{os.getloadavg()[0]:.2f}",
        "",
        "| database | workers | scenario | ok/s | p50 ms | p95 ms | p99 ms | ok | errors "
        "| server CPU | loader CPU |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for database in databases:
        for count in workers:
            print(f"{database}, {count} worker(s)", file=sys.stderr)
            with tempfile.TemporaryDirectory(prefix="boxoffice-bench-") as tmp:
                workdir = Path(tmp)
                db_url = (
                    args.postgres_url
                    if database == "postgres"
                    else f"sqlite+aiosqlite:///{workdir / 'bench.db'}"
                )
                env = environment(db_url, args.log_level)
                prepare_database(env, workdir)
                with running_server(env, workdir, count) as server:
                    results = asyncio.run(measure(args, server))
                time.sleep(1)  # let the stopped server's connections close
            lines.extend(row(database, count, r) for r in results)
    table = "\n".join(lines)
    print(table)
    out = HERE / "results" / f"{datetime.now(UTC):%Y%m%dT%H%M%S}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(table + "\n")


if __name__ == "__main__":
    main()
