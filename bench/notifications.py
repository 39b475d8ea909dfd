"""Notification service benchmark: how fast changes are recorded and fanned out on PostgreSQL,
and how long a notification takes from its recording to 100 sockets of a served process.

    .venv/bin/python bench/notifications.py --postgres-url postgresql+psycopg://postgres@127.0.0.1:5432/boxoffice_bench

The database's notification tables are emptied (TRUNCATE). Redis (`--redis-url`) carries the
fan-out between this process, which plays the consumer, and the served process.
"""

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from loguru import logger
from servers import environment, running_server
from websockets.asyncio.client import ClientConnection, connect

from boxoffice.adapters.notifications.in_process import InProcessFanout
from boxoffice.adapters.notifications.redis_fanout import RedisFanout
from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.migrations import upgrade
from boxoffice.adapters.sqlalchemy.notification_unit_of_work import (
    SqlAlchemyNotificationUnitOfWork,
)
from boxoffice.adapters.system.clock import SystemClock
from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.use_cases.record_notification import RecordNotification
from boxoffice.domain.users import Role, User
from boxoffice.entrypoints.notifications.hub import Hub

TABLES = "notification_reads, notification_read_marks, notification_recipients, notifications"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", required=True)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--sockets", type=int, default=100)
    parser.add_argument("--rate", type=float, default=100.0, help="messages/s for latency")
    return parser.parse_args()


def change(title: str = "bench", recipients: tuple[uuid.UUID, ...] | None = None) -> EventChange:
    action = ChangeAction.CREATED if recipients is None else ChangeAction.UPDATED
    return EventChange(
        uuid.uuid4(), action, uuid.uuid4(), title, SystemClock().now(), "bench", None, recipients
    )


def a_user(n: int) -> User:
    now = SystemClock().now()
    return User(uuid.uuid4(), f"bench_{n}", f"bench_{n}@example.org", Role.CUSTOMER, now)


async def throughput(url: str, messages: int, consumers: int) -> float:
    """Record + in-process fan-out to a hub of 100 idle sockets; `consumers` at a time."""
    engine = create_engine(url, pool_size=max(consumers, 2))
    hub, fanout = Hub(capacity=messages + 1), InProcessFanout()
    for _ in range(100):
        hub.connect(uuid.uuid4(), _discard)
    await fanout.start(hub.dispatch)
    queue = [change(recipients=(uuid.uuid4(), uuid.uuid4())) for _ in range(messages)]

    async def consume() -> None:
        record = RecordNotification(SqlAlchemyNotificationUnitOfWork(engine), fanout)
        while queue:
            await record.execute(queue.pop())

    started = time.perf_counter()
    await asyncio.gather(*(consume() for _ in range(consumers)))
    elapsed = time.perf_counter() - started
    await engine.dispose()
    return messages / elapsed


async def _discard(_: str) -> None:
    return None


async def latency(args: argparse.Namespace, channel: str, secret: str, server_url: str) -> None:
    engine = create_engine(args.postgres_url)
    fanout = RedisFanout.from_url(args.redis_url, channel)
    record = RecordNotification(SqlAlchemyNotificationUnitOfWork(engine), fanout)
    tokens = JwtTokenService(secret, "boxoffice", SystemClock())
    ws_url = server_url.replace("http://", "ws://") + "/ws/notifications?token="
    sockets: list[ClientConnection] = []
    for batch in range(0, args.sockets, 100):
        sockets += await asyncio.gather(
            *(
                _open(ws_url + tokens.issue(a_user(n)).token)
                for n in range(batch, min(batch + 100, args.sockets))
            )
        )
    delays: list[float] = []
    readers = [asyncio.create_task(_read(ws, args.messages, delays)) for ws in sockets]
    started = time.perf_counter()
    for n in range(args.messages):
        await asyncio.sleep(max(0.0, started + n / args.rate - time.perf_counter()))
        await record.execute(change(title=f"{time.perf_counter()}"))
    await asyncio.wait_for(asyncio.gather(*readers), 60)
    for ws in sockets:
        await ws.close()
    await fanout.aclose()
    await engine.dispose()
    cut = statistics.quantiles(delays, n=100)
    print(
        f"| {args.messages} x {args.sockets} sockets at {args.rate:g}/s | {len(delays)} "
        f"| {statistics.median(delays) * 1000:.1f} ms | {cut[94] * 1000:.1f} ms "
        f"| {cut[98] * 1000:.1f} ms | {max(delays) * 1000:.1f} ms |"
    )


async def _open(url: str) -> ClientConnection:
    ws = await connect(url, open_timeout=60)
    await ws.recv()  # ready
    return ws


async def _read(ws: ClientConnection, count: int, delays: list[float]) -> None:
    got = 0
    while got < count:
        message = json.loads(await ws.recv())
        if message["type"] == "ping":
            await ws.send('{"type": "pong"}')
        elif message["type"] == "notification":
            delays.append(time.perf_counter() - float(message["event"]["title"]))
            got += 1


async def prepare(url: str) -> None:
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")


def main() -> None:
    args = parse_args()
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    asyncio.run(prepare(args.postgres_url))
    print("| consumers | recorded and fanned out |\n|---|---|")
    for consumers in (1, 4, 16):
        rate = asyncio.run(throughput(args.postgres_url, args.messages, consumers))
        print(f"| {consumers} | {rate:.0f} messages/s |")
    channel = f"bench_ntf_{uuid.uuid4().hex}"
    env = environment(args.postgres_url, "WARNING") | {
        "BOXOFFICE_REDIS_URL": args.redis_url,
        "BOXOFFICE_NOTIFICATIONS_CHANNEL": channel,
    }
    secret = env["BOXOFFICE_JWT_SECRET"]  # the served process checks the tokens signed here
    with (
        tempfile.TemporaryDirectory() as workdir,
        running_server(env, Path(workdir), 1, "notifications") as server,
    ):
        print("\n| load | deliveries | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|")
        asyncio.run(latency(args, channel, secret, server.url))


if __name__ == "__main__":
    main()
