"""The regression guard of the read side: a list page runs the same statements whatever the
catalogue's size, and none of them counts or windows over the whole catalogue."""

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from boxoffice.entrypoints.settings import Settings
from tests.builders import an_event
from tests.e2e.api import Api, Caller
from tests.e2e.test_queries import engines_of, statements_on

SIZES = (5, 300)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # Every request reaches the database
    return replace(settings, http=replace(settings.http, read_cache_seconds=0))


async def add_events(api: Api, count: int, saved_by: UUID) -> None:
    container = api.app.state.container
    now = datetime.now(UTC)
    async with container.infrastructure.uow() as uow:
        for n in range(count):
            event = an_event(now, starts_in=timedelta(days=1, minutes=n), tags=("music",))
            await uow.events.add(event)
            if n % 3 == 0:
                await uow.saved_events.add(saved_by, event.id, now)
        await uow.commit()


async def statements_of(api: Api, url: str, caller: Caller | None) -> list[str]:
    with statements_on(*engines_of(api)) as seen:
        response = await api.client.get(url, headers=caller.headers if caller else {})
    assert response.status_code == 200, response.text
    return [" ".join(s.split()) for s in seen]


def ids_as_one(statements: list[str]) -> list[str]:
    parameters = [re.sub(r"%\(event_ids_\d+\)s(::UUID)?", "?", s) for s in statements]
    return [re.sub(r" IN \([?, ]*\)", " IN (ids)", s) for s in parameters]


def counts_bounded(statement: str) -> bool:
    """Whether every count(...) in `statement` counts a subquery that has a LIMIT."""
    for match in re.finditer(r"count\(\*\)", statement, re.IGNORECASE):
        rest = statement[match.end() :]
        start = rest.find("FROM (")
        if start < 0:
            return False
        depth, end = 0, start + len("FROM ")
        for end in range(start + len("FROM "), len(rest)):
            depth += {"(": 1, ")": -1}.get(rest[end], 0)
            if depth == 0:
                break
        if "LIMIT" not in rest[start:end].upper():
            return False
    return True


@pytest.mark.parametrize("url", ["/events?size=20", "/events?size=20&page=1000"])
async def test_a_list_page_runs_the_same_statements_for_5_or_300_events(
    api: Api, customer: Caller, url: str
) -> None:
    seen: dict[tuple[int, str], list[str]] = {}
    added = 0
    for size in SIZES:
        await add_events(api, size - added, UUID(customer.id))
        added = size
        for who, caller in (("anonymous", None), ("signed in", customer)):
            seen[size, who] = await statements_of(api, url, caller)

    for who in ("anonymous", "signed in"):
        # the same statements, built once (the caller's saved rows are asked for the page's
        # ids: as many as the page has)
        assert ids_as_one(seen[5, who]) == ids_as_one(seen[300, who])
        # (past the end, the total is counted on its own)
        assert len([s for s in seen[5, who] if "FROM events" in s]) <= 2, seen
    everything = [s for statements in seen.values() for s in statements]
    assert not [s for s in everything if "OVER (" in s.upper()]
    assert all(counts_bounded(s) for s in everything), everything


async def test_the_saved_flags_come_from_one_read_of_the_callers_saved_rows(
    api: Api, customer: Caller
) -> None:
    await add_events(api, 30, UUID(customer.id))

    statements = await statements_of(api, "/events?size=20", customer)
    page = (await api.client.get("/events?size=20", headers=customer.headers)).json()

    # The page every caller shares, then the caller's own rows (whether the user still exists
    # included): no read of the user first.
    assert len(statements) == 2, statements
    assert len([s for s in statements if "FROM events" in s]) == 1
    assert "FROM users LEFT OUTER JOIN saved_events" in statements[1]
    assert [item["saved"] for item in page["items"]] == [n % 3 == 0 for n in range(20)]


def test_an_unbounded_count_is_told_from_a_bounded_one() -> None:
    bounded = "SELECT (SELECT count(*) AS c FROM (SELECT id FROM events WHERE x LIMIT 5) AS a)"
    assert counts_bounded(bounded)
    assert not counts_bounded("SELECT count(*) FROM events WHERE status = 'active'")
    assert not counts_bounded("SELECT count(*) FROM (SELECT id FROM events) AS a LIMIT 5")
