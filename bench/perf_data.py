"""The catalogue, the buyers and their tokens for bench/perf.py, written straight in SQL, and
the check after each run that seats, bookings and tickets agree."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID, uuid4

from sqlalchemy import create_engine, insert, text

from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.adapters.sqlalchemy.tables import events, users
from boxoffice.domain.users import Role, User

CAPACITY = 1_000_000  # the domain's largest: no booking here is refused for want of seats
SPREAD = 1_000
HOT = UUID(hashlib.md5(b"hot").hexdigest())  # noqa: S324 (an id, not a digest)
BATCH = 5_000


def spread_id(n: int) -> UUID:
    """The n-th (1-based) event bookings spread over; pgbench computes the same ids."""
    return UUID(hashlib.md5(f"spread-{n}".encode()).hexdigest())  # noqa: S324


class _Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class Catalogue:
    event_ids: list[UUID]  # the spread events first
    buyer: UUID  # the user pgbench books as
    tokens: list[str]


def sync_url(url: str) -> str:
    return url.replace("sqlite+aiosqlite:", "sqlite:", 1)


def seed(url: str, size: int, buyers: int, secret: str) -> Catalogue:
    """`size` upcoming events plus the hot one, and `buyers` customers with a token each."""
    now = datetime.now(UTC)
    people = [_user(n, now) for n in range(buyers)]
    ids = [spread_id(n + 1) if n < SPREAD else uuid4() for n in range(size)]
    engine = create_engine(sync_url(url))
    try:
        with engine.begin() as conn:
            conn.execute(insert(users), [_user_row(u) for u in people])
            for start in range(0, size + 1, BATCH):
                chunk = [HOT, *ids][start : start + BATCH]
                conn.execute(
                    insert(events), [_event_row(i, now, start + k) for k, i in enumerate(chunk)]
                )
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
    finally:
        engine.dispose()
    issuer = JwtTokenService(secret, "boxoffice", _Clock(), ttl_seconds=6 * 3600)
    return Catalogue(ids, people[0].id, [issuer.issue(u).token for u in people])


def _user(n: int, now: datetime) -> User:
    return User(uuid4(), f"buyer{n}", f"buyer{n}@bench.example.org", Role.CUSTOMER, now)


def _user_row(user: User) -> dict[str, object]:
    return {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "role": user.role.value,
        "is_verified": True,
        "created_at": user.created_at,
    }


def _event_row(event_id: UUID, now: datetime, n: int) -> dict[str, object]:
    start = now + timedelta(days=1 + n % 365, minutes=n % 1440)
    return {
        "id": event_id,
        "title": f"Bench show {n}",
        "description": "A show for the benchmark.",
        "location": "Main hall",
        "city": ("Pune", "Mumbai", "Delhi", "Bengaluru")[n % 4],
        "start_time": start,
        "end_time": start + timedelta(hours=2),
        "timezone": "Asia/Kolkata",
        "capacity": CAPACITY,
        "seats_taken": 0,
        "price": "250.00",
        "currency": "INR",
        "status": "active",
        "created_at": now,
        "source": "local",
    }


CHECK = """
SELECT
  (SELECT count(*) FROM events WHERE seats_taken > capacity) AS over_capacity,
  (SELECT count(*) FROM events e
    WHERE e.seats_taken <> (SELECT count(*) FROM tickets t JOIN bookings b
                              ON b.id = t.booking_id
                            WHERE b.event_id = e.id AND b.status = 'confirmed'
                              AND t.status <> 'cancelled')
                         + (SELECT count(*) FROM registrations r WHERE r.event_id = e.id)
  ) AS seats_not_tickets,
  (SELECT count(*) FROM bookings b
    WHERE b.quantity <> (SELECT count(*) FROM tickets t WHERE t.booking_id = b.id)
  ) AS bookings_not_tickets,
  (SELECT count(*) FROM bookings) AS bookings
"""


def check(url: str) -> str:
    """ "ok (N bookings)" when seats sold equal the tickets of confirmed bookings everywhere
    and no event is above capacity; otherwise what disagrees."""
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            row = conn.execute(text(CHECK)).one()
    finally:
        engine.dispose()
    over, seats, tickets, booked = row
    if over == seats == tickets == 0:
        return f"ok ({booked} bookings)"
    return f"FAILED: {over} over capacity, {seats} seats≠tickets, {tickets} bookings≠tickets"


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path
