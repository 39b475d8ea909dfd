"""`boxoffice worker`: saq's worker on Redis, which runs the scheduled Ticketmaster sync, until
SIGTERM or SIGINT.

`background_loops` names what the process runs; each is an async function that runs until it
is cancelled, and `run_until_stopped` runs them side by side and stops them all together (a
crash of one stops the others). The outbox relay is not among them: every server process runs
its own (entrypoints/outbox_relay.py), woken by its commits.
"""

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from loguru import logger
from saq import CronJob, Worker
from saq.queue.redis import RedisQueue
from saq.types import Context

from boxoffice.application.models.markets import Market
from boxoffice.entrypoints.container import Container
from boxoffice.entrypoints.jobs import as_result, sync_markets
from boxoffice.entrypoints.logs import StdlibToLoguru
from boxoffice.entrypoints.settings import Settings

Loop = Callable[[], Awaitable[None]]
SYNC_TIMEOUT_SECONDS = 3600  # saq cancels a job after this (its default is 10 s)
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def route_saq_logs() -> None:
    """saq logs through the standard library; its lines join ours (plain or JSON)."""
    saq_logger = logging.getLogger("saq")
    if not any(isinstance(h, StdlibToLoguru) for h in saq_logger.handlers):
        saq_logger.addHandler(StdlibToLoguru())
    saq_logger.setLevel(logging.INFO)
    saq_logger.propagate = False


class JobContext(Context, total=False):
    container: Container
    markets: tuple[Market, ...]


async def sync_ticketmaster_markets(ctx: JobContext) -> dict[str, Any]:
    """The saq job: one run syncs every configured market. A cron run is due at its scheduled
    time; run again (a retry after the worker stopped midway), it skips the markets synced
    since then and resumes with the others."""
    job = ctx.get("job")
    due = datetime.fromtimestamp(job.scheduled, UTC) if job and job.scheduled else None
    job_id = f"{job.key}@{job.scheduled or job.queued}" if job else "saq"
    reports = await sync_markets(ctx["container"], ctx["markets"], job_id, due)
    return as_result(reports)


def saq_worker(queue: RedisQueue, container: Container, settings: Settings) -> Worker[JobContext]:
    cron_jobs = []
    if settings.ticketmaster.scheduled_sync_enabled:
        cron = settings.ticketmaster.sync_cron
        cron_jobs.append(CronJob(sync_ticketmaster_markets, cron, timeout=SYNC_TIMEOUT_SECONDS))

    async def startup(ctx: JobContext) -> None:
        ctx["container"] = container
        ctx["markets"] = settings.ticketmaster.market_list

    worker = Worker[JobContext](
        queue,
        functions=[sync_ticketmaster_markets],
        cron_jobs=cron_jobs,
        startup=startup,
        concurrency=2,
    )
    worker.SIGNALS = []  # `run_until_stopped` handles the signals, for every loop at once
    return worker


def background_loops(
    queue: RedisQueue, container: Container, settings: Settings
) -> dict[str, Loop]:
    route_saq_logs()
    return {"saq": saq_worker(queue, container, settings).start}


async def run_until_stopped(loops: Mapping[str, Loop]) -> None:
    """Run every loop until SIGTERM or SIGINT; a loop that crashes stops the others too, and
    its error is raised."""
    stop = asyncio.Event()
    running = asyncio.get_running_loop()
    for signum in STOP_SIGNALS:
        running.add_signal_handler(signum, stop.set)
    tasks = [asyncio.create_task(_as_coroutine(loop()), name=name) for name, loop in loops.items()]
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait([*tasks, stopping], return_when=asyncio.FIRST_COMPLETED)
    finally:
        for signum in STOP_SIGNALS:
            running.remove_signal_handler(signum)
        for task in [*tasks, stopping]:
            task.cancel()
        await asyncio.gather(*tasks, stopping, return_exceptions=True)
    for task in tasks:
        error = None if task.cancelled() else task.exception()
        if error is not None:
            logger.error("background loop {} failed; stopped the others", task.get_name())
            raise error
        if not task.cancelled():
            logger.warning("background loop {} ended by itself; stopped", task.get_name())


async def _as_coroutine(loop: Awaitable[None]) -> None:
    await loop
