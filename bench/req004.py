"""Requirement 004's load, as it states it, through real server processes on 127.0.0.1.

    .venv/bin/python bench/req004.py --seconds 60

PostgreSQL, the event service with two processes and the notification service, RabbitMQ
between them and Redis fan-out. 1,000 signed-in sessions send 100 requests a second, open
loop, mixing list, detail, book, cancel, save and subscribe; the admin creates 50 events a
minute and updates the events that 500 WebSocket clients, connected throughout, follow. It
reports each route's latency from when its request was due, the delay from the API's answer
to each socket, a table against requirement 004's numbers, and checks the seats in SQL.
See bench/README.md.
"""

import argparse
import asyncio
import os
import platform
import tempfile
import uuid
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from req004_load import Outcome, load
from req004_report import Figures, report
from req004_setup import claimed_redis, insert_customers, sql_checks, tokens_for
from servers import (
    core_split,
    cpu_pressure,
    environment,
    prepare_database,
    running_server,
)

HERE = Path(__file__).resolve().parent
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/boxoffice_bench_load"
LOCAL = ("127.0.0.1", "localhost")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--seconds", type=float, default=60.0, help="measured load, after the warm-up")
    add("--warmup", type=float, default=5.0, help="the same load first, not measured")
    add("--rate", type=float, default=100.0, help="user requests a second")
    add("--users", type=int, default=1000, help="signed-in sessions, each its own token")
    add("--sockets", type=int, default=500, help="WebSocket clients, connected throughout")
    add("--creations-per-minute", type=float, default=50.0)
    add("--updates-per-minute", type=float, default=10.0, help="of the events sockets follow")
    add("--events", type=int, default=200, help="seed events the sessions act on")
    add("--log-level", default="INFO", help="the servers' BOXOFFICE_LOG_LEVEL")
    add("--no-pin", action="store_true", help="do not split the cores between servers and load")
    add("--broker-url", default="amqp://guest:guest@127.0.0.1:5672/")
    add("--redis-server", default="redis://127.0.0.1:6379", help="an empty database is taken")
    add(
        "--postgres-url",
        default=os.environ.get("BOXOFFICE_BENCH_LOAD_POSTGRES_URL", DEFAULT_POSTGRES),
        help="a database this benchmark empties (default: $BOXOFFICE_BENCH_LOAD_POSTGRES_URL)",
    )
    args = parser.parse_args()
    if not 0 < args.seconds <= 600 or not 0 <= args.warmup <= 60:
        parser.error("--seconds must be in (0, 600] and --warmup in [0, 60]")
    if not 0 < args.rate <= 1000 or not 1 <= args.sockets <= args.users <= 10_000:
        parser.error("--rate must be in (0, 1000] and 1 <= --sockets <= --users <= 10000")
    if not 10 <= args.events <= 10_000:
        parser.error("--events must be in [10, 10000]")
    for url in (args.postgres_url, args.broker_url, args.redis_server):
        if not any(f"@{host}" in url or f"//{host}" in url for host in LOCAL):
            parser.error(f"{url.split('@')[-1]} is not on 127.0.0.1")
    return args


def run(args: argparse.Namespace, workdir: Path) -> tuple[Outcome, str, str]:
    """Prepares everything, runs the load; the outcome, how cores were shared, the load
    average before and after."""
    server_cores, loader_cores, sharing = core_split(not args.no_pin)
    with claimed_redis(args.redis_server) as redis_url, ExitStack() as stack:
        env = environment(args.postgres_url, args.log_level) | {
            "BOXOFFICE_BROKER_URL": args.broker_url,
            "BOXOFFICE_REDIS_URL": redis_url,
            # Pub/sub channels are shared by every database of a Redis server.
            "BOXOFFICE_NOTIFICATIONS_CHANNEL": f"boxoffice:bench:{uuid.uuid4().hex[:12]}",
        }
        prepare_database(env, workdir)
        users = insert_customers(args.postgres_url, args.users)
        tokens = tokens_for(users, env["BOXOFFICE_JWT_SECRET"], "boxoffice")
        os.sched_setaffinity(0, server_cores)  # the servers inherit it
        notes = stack.enter_context(running_server(env, workdir, 1, service="notifications"))
        events = stack.enter_context(running_server(env, workdir, 2))
        os.sched_setaffinity(0, loader_cores)
        before = os.getloadavg()[0]
        outcome = asyncio.run(load(args, events, notes, users, tokens))
        averages = f"{before:.2f} before, {os.getloadavg()[0]:.2f} after"
    return outcome, sharing, averages


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="boxoffice-bench-") as tmp:
        outcome, sharing, averages = run(args, Path(tmp))
    traffic = outcome.traffic
    created = sum(1 for (_, action, _) in traffic.answered if action == "created")
    unanswered = traffic.unanswered_creations
    at_start, at_end, failed, repeats, codes = outcome.sockets
    header = (
        f"boxoffice, requirement 004's load, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}: "
        f"{args.seconds:g} s measured after {args.warmup:g} s warm-up, {args.users:,} sessions, "
        f"{args.rate:g} requests/s open loop, {args.creations_per_minute:g} creations/min, "
        f"{args.updates_per_minute:g} updates/min, {args.sockets} sockets. {sharing}. CPU used: "
        f"servers {outcome.server_cpu:.2f} cores (about {outcome.server_cpu_per_request_ms:.1f} ms "
        f"per request), load generator {outcome.loader_cpu:.2f}. Load average {averages}; "
        f"{cpu_pressure()}."
    )
    figures = Figures(
        header=header,
        seconds=args.seconds,
        rate=args.rate,
        users=args.users,
        creations_per_minute=args.creations_per_minute,
        pacing=outcome.pacing,
        sockets_wanted=args.sockets,
        sockets_at_start=at_start,
        sockets_at_end=at_end,
        sockets_failed=failed,
        repeated_deliveries=repeats,
        close_codes=codes,
        delays_ms=outcome.delays_ms,
        deliveries_expected=outcome.deliveries_expected,
        checks=sql_checks(args.postgres_url, created, unanswered),
        server_times_ms=outcome.server_times_ms,
    )
    text = report(traffic.routes, figures)
    print(text)
    out = HERE / "results" / f"req004-{datetime.now(UTC):%Y%m%dT%H%M%S}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text + "\n")


if __name__ == "__main__":
    main()
