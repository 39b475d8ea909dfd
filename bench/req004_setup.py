"""What bench/req004.py prepares before the load: a Redis database of its own, 1,000
customers written straight into PostgreSQL (one bcrypt hash for all, since signing up is not
what is measured), their tokens from the service's own token service, and the seed events."""

import asyncio
import random
import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import LiteralString

import bcrypt
import httpx
import psycopg
import redis
from run import PASSWORD, event_body
from servers import ADMIN

from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.adapters.system.clock import SystemClock
from boxoffice.domain.users import Role, User

REDIS_CLAIM = "boxoffice:bench-run"  # the key that marks a Redis database as taken
SMALL_CAPACITY = 10  # seats of the seed events that sell out during a run


@contextmanager
def claimed_redis(server: str) -> Iterator[str]:
    """An empty Redis database on `server`, marked as taken while the run lasts and emptied
    afterwards (test runs and other benchmarks take only empty ones)."""
    run_id = uuid.uuid4().hex
    for database in range(15, 0, -1):
        url = f"{server.rstrip('/')}/{database}"
        with redis.Redis.from_url(url, socket_connect_timeout=2) as client:
            if client.dbsize() == 0 and client.set(REDIS_CLAIM, run_id, nx=True, ex=3600):
                break
    else:
        raise RuntimeError(f"no empty Redis database left on {server}")
    try:
        yield url
    finally:
        with redis.Redis.from_url(url, socket_connect_timeout=2) as client:
            if client.get(REDIS_CLAIM) == run_id.encode():
                client.flushdb()


def plain_dsn(database_url: str) -> str:
    return database_url.replace("postgresql+psycopg://", "postgresql://", 1)


def insert_customers(database_url: str, count: int) -> list[User]:
    """`count` customers in one statement, all with the same password hash."""
    hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
    now = datetime.now(UTC)
    users = [
        User(uuid.uuid4(), f"load_{i:04d}", f"load_{i:04d}@bench.example.org", Role.CUSTOMER, now)
        for i in range(count)
    ]
    rows = [(u.id, u.username, u.email, hashed, u.role.value, False, now) for u in users]
    with psycopg.connect(plain_dsn(database_url)) as conn, conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO users (id, username, email, password_hash, role, is_verified, "
            "created_at) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    return users


def subscribe(database_url: str, users: list[User], event_ids: list[str]) -> None:
    """Every one of `users` follows every one of `event_ids` (their updates reach them)."""
    now = datetime.now(UTC)
    rows = [(u.id, uuid.UUID(e), now) for u in users for e in event_ids]
    with psycopg.connect(plain_dsn(database_url)) as conn, conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO event_subscriptions (user_id, event_id, subscribed_at) "
            "VALUES (%s, %s, %s)",
            rows,
        )


def wait_for_outbox(database_url: str, seconds: float) -> int:
    """Waits until the relay has sent every outbox message, at most `seconds`; how many are
    left."""
    deadline = time.monotonic() + seconds
    with psycopg.connect(plain_dsn(database_url), autocommit=True) as conn:
        while True:
            row = conn.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()
            left = int(row[0]) if row else 0
            if left == 0 or time.monotonic() > deadline:
                return left
            time.sleep(0.2)


ANSWER_LINE = re.compile(rb"[ \"](?:GET|POST|PUT|PATCH|DELETE) /\S* \d{3} ([0-9.]+)ms")


def server_times_ms(log: Path, offset: int) -> list[float]:
    """How long the server took over each request it logged after `offset` bytes of its log
    (one line per request at log level INFO), from its own clock."""
    with log.open("rb") as lines:
        lines.seek(offset)
        return [float(m.group(1)) for line in lines if (m := ANSWER_LINE.search(line))]


def tokens_for(users: list[User], secret: str, issuer: str) -> list[str]:
    """Access tokens as POST /auth/login would issue them, signed with the servers' secret."""
    service = JwtTokenService(secret, issuer, SystemClock())
    return [service.issue(user).token for user in users]


@dataclass(frozen=True)
class Seed:
    admin_token: str
    event_ids: list[str]  # bookable events the sessions act on
    small_ids: frozenset[str]  # those of them with few seats, so that some bookings sell out


async def seed_events(url: str, count: int, small: int, rng: random.Random) -> Seed:
    """`count` events through the API as the admin; the first `small` have few seats."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        login = {"login": ADMIN[0], "password": ADMIN[2]}
        admin = (await client.post("/auth/login", json=login)).raise_for_status().json()
        token = str(admin["access_token"])
        headers = {"Authorization": f"Bearer {token}"}
        gate = asyncio.Semaphore(8)

        async def create(n: int) -> str:
            async with gate:
                body = event_body(rng, capacity=SMALL_CAPACITY if n < small else 100_000)
                answer = await client.post("/events", json=body, headers=headers)
                return str(answer.raise_for_status().json()["id"])

        ids = list(await asyncio.gather(*(create(n) for n in range(count))))
    return Seed(token, ids, frozenset(ids[:small]))


def sql_checks(database_url: str, created: int, unanswered: int) -> list[tuple[str, bool]]:
    """What must hold after the run, read from the database."""
    with psycopg.connect(plain_dsn(database_url)) as conn:

        def one(query: LiteralString, params: tuple[int, ...] = ()) -> int:
            row = conn.execute(query, params or None).fetchone()
            return int(row[0]) if row else -1

        oversold = one("SELECT count(*) FROM events WHERE seats_taken > capacity")
        drift = one(
            "SELECT count(*) FROM events e WHERE e.seats_taken <> (SELECT coalesce(sum(quantity),"
            " 0) FROM bookings b WHERE b.event_id = e.id AND b.status = 'confirmed')"
        )
        tickets = one(
            "SELECT count(*) FROM events e WHERE e.seats_taken <> (SELECT count(*) FROM tickets t"
            " JOIN bookings b ON b.id = t.booking_id WHERE b.event_id = e.id"
            " AND t.status = 'active')"
        )
        few = (SMALL_CAPACITY,)
        full = one("SELECT count(*) FROM events WHERE capacity = %s AND seats_taken = %s", few * 2)
        small = one("SELECT count(*) FROM events WHERE capacity = %s", few)
        made = one("SELECT count(*) FROM events WHERE title LIKE 'Load show %'")
        unsent = one("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
    return [
        (f"no event sold more seats than it has ({oversold} oversold)", oversold == 0),
        (f"every event's seats taken = its confirmed bookings' seats ({drift} differ)", drift == 0),
        (f"every event's seats taken = its active tickets ({tickets} differ)", tickets == 0),
        (f"{full} of the {small} small events sold all their {SMALL_CAPACITY} seats", True),
        (
            f"events created: {made} rows for {created} answers 201 and {unanswered} unanswered "
            "(a creation the client gave up on may still commit)",
            created <= made <= created + unanswered,
        ),
        (f"every outbox message relayed ({unsent} left)", unsent == 0),
    ]
