"""saq on a real Redis: the sync job enqueued, run by the worker against the fake API, and
stored; two runs at once make one sync. Redis is required on CI, like PostgreSQL."""

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from saq.queue.redis import RedisQueue
from sqlalchemy import func, select

from boxoffice.adapters.sqlalchemy.tables import events
from boxoffice.entrypoints.container import Container
from boxoffice.entrypoints.jobs import sync_markets
from boxoffice.entrypoints.worker import SYNC_TIMEOUT_SECONDS, run_until_stopped, saq_worker
from tests.conftest import require_redis
from tests.fake_ticketmaster import FakeApi
from tests.integration.ticketmaster.conftest import NewContainer
from tests.integration.ticketmaster.test_scheduled_sync import count_by_city

pytestmark = pytest.mark.redis
JOB = "sync_ticketmaster_markets"


async def run_sync(queue: RedisQueue, **fields: int) -> dict[str, Any]:
    """The job's result, enqueued as the cron does: with the sync's own time limit, not saq's
    10 s (`Queue.apply` would make its wait of 60 s the job's limit)."""
    job = {"timeout": SYNC_TIMEOUT_SECONDS, **fields}
    (result,) = await queue.map(JOB, [job], timeout=60)
    outcomes: dict[str, Any] = result
    return outcomes


@pytest.fixture
async def queue() -> AsyncIterator[RedisQueue]:
    """A queue of its own (keys `saq:test-...`), deleted afterwards."""
    queue = RedisQueue.from_url(require_redis(), name=f"test-{uuid.uuid4().hex[:10]}")
    yield queue
    keys = [k async for k in queue.redis.scan_iter(match=f"saq:*{queue.name}*")]
    if keys:
        await queue.redis.delete(*keys)
    await queue.disconnect()


async def working(queue: RedisQueue, container: Container) -> asyncio.Task[None]:
    """The worker, started, once its first sweep is over: a sweep aborts every job it finds
    dequeued but not yet marked active, so a job enqueued while the worker starts could be
    swept on a busy machine. (The sweep marks its start with a key that lives a minute, and
    takes the list of active jobs in the same step.)"""
    worker = saq_worker(queue, container, container.settings())
    task = asyncio.create_task(run_until_stopped({"saq": worker.start}))
    async with asyncio.timeout(30):
        while not await queue.redis.exists(queue.namespace("sweep")):  # noqa: ASYNC110 (in Redis)
            await asyncio.sleep(0.02)
    return task


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_the_worker_runs_an_enqueued_sync_and_the_events_are_stored(
    queue: RedisQueue, new_container: NewContainer
) -> None:
    container = await new_container()
    task = await working(queue, container)
    try:
        result = await run_sync(queue)
    finally:
        await stop(task)

    assert set(result) == {"gb|london||", "us|new york||"}
    assert all(" created" in outcome and "stopped" not in outcome for outcome in result.values())
    stored = await count_by_city(container)
    assert set(stored) == {"London", "New York"}
    assert f"{stored['London']} created" in result["gb|london||"]


async def test_two_runs_at_once_sync_the_market_once(
    queue: RedisQueue, new_container: NewContainer, fake_api: FakeApi
) -> None:
    container = await new_container("country=GB,city=London,days=62")
    fake_api.fault({"delay": 1})  # the first sync's first request: its lease is held meanwhile
    task = await working(queue, container)
    try:
        results = await asyncio.gather(*(run_sync(queue) for _ in range(2)))
    finally:
        await stop(task)

    outcomes = sorted(r["gb|london||"] for r in results)
    assert outcomes[1] == "skipped, another sync of this market is running"
    assert " created" in outcomes[0]
    async with container.infrastructure.engine().connect() as conn:
        total = await conn.scalar(select(func.count()).select_from(events))
    assert f"{total} created" in outcomes[0]


async def test_the_cron_job_is_registered_only_with_markets_and_a_key(
    queue: RedisQueue, new_container: NewContainer
) -> None:
    configured, unconfigured = await new_container(), await new_container("")
    with_markets = saq_worker(queue, configured, configured.settings())
    without = saq_worker(queue, unconfigured, unconfigured.settings())

    assert [job.cron for job in with_markets.cron_jobs] == ["17 */3 * * *"]
    assert [job.function.__name__ for job in with_markets.cron_jobs] == [JOB]
    assert list(without.cron_jobs) == []
    assert JOB in without.functions  # still runs a sync enqueued by hand


async def test_a_run_started_again_resumes_with_the_markets_not_yet_synced(
    queue: RedisQueue, new_container: NewContainer
) -> None:
    container = await new_container()
    due = int(time.time())
    london = container.settings().ticketmaster.market_list[:1]
    await sync_markets(container, london, "the interrupted run")  # got through London only
    task = await working(queue, container)
    try:
        # the same run, due as before
        result = await run_sync(queue, scheduled=due)
    finally:
        await stop(task)

    assert result["gb|london||"] == "already synced for this run"
    assert " created" in result["us|new york||"]
    assert "New York" in await count_by_city(container)
