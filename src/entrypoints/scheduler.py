"""The embedded default's scheduler: an asyncio task in the server process that sleeps until
the cron's next time (UTC), runs the job, and repeats. Used when there is no Redis for saq."""

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime

from croniter import croniter
from loguru import logger

from boxoffice.application.ports.clock import Clock
from boxoffice.entrypoints.background import stop
from boxoffice.entrypoints.container import Container
from boxoffice.entrypoints.jobs import sync_markets
from boxoffice.entrypoints.settings import Settings

Job = Callable[[str, datetime], Awaitable[object]]  # (job id, the time it was due)
Sleep = Callable[[float], Awaitable[None]]
TASK_NAME = "scheduled-ticketmaster-sync"


def next_run(cron: str, after: datetime) -> datetime:
    """The first time strictly after `after` that `cron` names."""
    found: datetime = croniter(cron, after).get_next(datetime)
    return found


async def run_on_schedule(
    cron: str, job: Job, clock: Clock, sleep: Sleep = asyncio.sleep, runs: int | None = None
) -> None:
    """Run `job` at every time `cron` names, `runs` times (forever by default). A job that
    fails is logged; a run missed while the previous one was still going is skipped."""
    due = next_run(cron, clock.now())
    done = 0
    while runs is None or done < runs:
        while (wait := (due - clock.now()).total_seconds()) > 0:
            await sleep(wait)
        job_id = f"sched-{uuid.uuid4().hex[:12]}"
        try:
            await job(job_id, due)
        except Exception as e:  # the schedule outlives any one run
            logger.bind(job_id=job_id).opt(exception=e).error("scheduled job failed")
        done += 1
        due = next_run(cron, max(due, clock.now()))


@contextlib.asynccontextmanager
async def embedded_scheduler(container: Container, settings: Settings) -> AsyncIterator[None]:
    """While open, sync the configured markets on BOXOFFICE_TICKETMASTER_SYNC_CRON, when there
    are markets and an API key, and no Redis (then `boxoffice worker` schedules instead).

    With `serve --workers N` every process runs one; the market lease and the `due` cut-off
    make that one sync per market per run (see `sync_markets`)."""
    if not settings.ticketmaster.scheduled_sync_enabled or settings.redis.url:
        yield
        return
    markets = settings.ticketmaster.market_list

    async def job(job_id: str, due: datetime) -> None:
        await sync_markets(container, markets, job_id, due)

    cron = settings.ticketmaster.sync_cron
    task = asyncio.create_task(
        run_on_schedule(cron, job, container.infrastructure.clock()), name=TASK_NAME
    )
    logger.info("Ticketmaster sync of {} markets scheduled on {!r} (UTC)", len(markets), cron)
    try:
        yield
    finally:
        await stop(task)
