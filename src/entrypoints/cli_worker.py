"""`boxoffice worker`: the background jobs' process (saq on BOXOFFICE_REDIS_URL)."""

import asyncio
import contextlib
from typing import TYPE_CHECKING

import click
from loguru import logger

from boxoffice.entrypoints.cli_support import load_settings, run
from boxoffice.entrypoints.container import Container
from boxoffice.entrypoints.settings import Settings

if TYPE_CHECKING:
    from saq.queue.redis import RedisQueue

QUEUE_NAME = "boxoffice"
REDIS_CHECK_SECONDS = 5.0


@click.command()
def worker() -> None:
    """Run the background jobs until SIGTERM or Ctrl-C: the Ticketmaster sync of
    BOXOFFICE_TICKETMASTER_MARKETS on BOXOFFICE_TICKETMASTER_SYNC_CRON, queued in Redis."""
    settings = load_settings()
    if not settings.redis.url:
        raise click.ClickException(
            "boxoffice worker needs BOXOFFICE_REDIS_URL (without Redis, `boxoffice serve` "
            "runs the scheduled sync itself)"
        )

    # saq and Redis's client, only in the worker: every `boxoffice serve` process would carry
    # them too, since its server processes are forks of the command's.
    from redis.exceptions import RedisError
    from saq.queue.redis import RedisQueue

    from boxoffice.entrypoints.worker import background_loops, run_until_stopped

    async def work(container: Container) -> None:
        queue = RedisQueue.from_url(settings.redis.url, name=QUEUE_NAME)
        try:
            await _check_redis(queue)
            _announce(settings)
            await run_until_stopped(background_loops(queue, container, settings))
        finally:
            with contextlib.suppress(RedisError, OSError):  # nothing to close if it never answered
                await queue.disconnect()

    run(work, settings)
    click.echo("worker stopped")


async def _check_redis(queue: "RedisQueue") -> None:
    from redis.exceptions import RedisError

    try:
        await asyncio.wait_for(queue.redis.ping(), REDIS_CHECK_SECONDS)
    except (RedisError, OSError, TimeoutError) as e:
        reason = str(e) or type(e).__name__
        raise click.ClickException(f"Redis at BOXOFFICE_REDIS_URL does not answer: {reason}") from e


def _announce(settings: Settings) -> None:
    if settings.ticketmaster.scheduled_sync_enabled:
        count, cron = len(settings.ticketmaster.market_list), settings.ticketmaster.sync_cron
        message = f"syncing {count} Ticketmaster markets on {cron!r} (UTC)"
    else:
        message = "no scheduled sync (set BOXOFFICE_TICKETMASTER_MARKETS and _API_KEY)"
    logger.info("worker started: queue {!r}; {}", QUEUE_NAME, message)
    click.echo(f"worker started: {message}")
