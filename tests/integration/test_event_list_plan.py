"""On PostgreSQL the default event list reads its page from the index in list order: with a
catalogue large enough (and analysed) for the planner to choose, no scan of the table."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, insert, text

from boxoffice.adapters.sqlalchemy.engine import create_read_engine
from boxoffice.adapters.sqlalchemy.event_reads import SqlAlchemyEventReads
from boxoffice.adapters.sqlalchemy.tables import events
from boxoffice.application.models.queries import EventFilter

pytestmark = pytest.mark.postgres
EVENTS = 20_000


def rows(now: datetime) -> list[dict[str, Any]]:
    made = []
    for n in range(EVENTS):
        start = now + timedelta(minutes=n - EVENTS // 4)  # a quarter of them over
        made.append(
            {
                "id": uuid.uuid4(),
                "title": f"Event {n}",
                "description": "",
                "location": "Hall",
                "city": "Pune",
                "start_time": start,
                "end_time": start + timedelta(hours=2),
                "timezone": "Asia/Kolkata",
                "capacity": 10,
                "seats_taken": 0,
                "price": Decimal("1.00"),
                "currency": "INR",
                "status": "cancelled" if n % 10 == 0 else "active",
                "created_at": now,
                "source": "local",
            }
        )
    return made


async def test_the_default_list_is_read_from_the_index_in_order(postgres_url: str) -> None:
    engine = create_read_engine(postgres_url)
    now = datetime.now(UTC)
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    try:
        async with engine.connect() as conn:
            await conn.execute(insert(events), rows(now))
            await conn.execute(text("ANALYZE events"))
        event.listen(engine.sync_engine, "before_cursor_execute", record)
        page = await SqlAlchemyEventReads(engine).page(EventFilter(), now)
        event.remove(engine.sync_engine, "before_cursor_execute", record)
        [(statement, parameters)] = sent
        async with engine.connect() as conn:
            explained = await conn.exec_driver_sql(f"EXPLAIN {statement}", parameters)
            plan = "\n".join(line for (line,) in explained)
    finally:
        await engine.dispose()

    assert (len(page.items), page.total, page.total_is_exact) == (20, 1001, False)
    lines = plan.splitlines()
    assert "Index Scan using ix_events_status_start_time_id on events  (" in plan, plan
    assert not any("Sort" in line for line in lines), plan  # the index gives the list's order
    for n, line in enumerate(lines):  # the bounded count may scan, but stops at its limit
        if "Seq Scan on events" in line:
            assert "Limit" in lines[n - 1], plan
