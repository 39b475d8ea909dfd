"""`boxoffice worker` as a real process on Redis (required on CI), and the server's own
scheduler on the embedded default: both sync the configured markets on their cron."""

import asyncio
import secrets
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from sqlalchemy import select

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.tables import events, market_syncs
from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.settings import DatabaseSettings, Settings, TicketmasterSettings
from tests.conftest import require_redis
from tests.e2e.api import running
from tests.e2e.races.servers import BOXOFFICE, server_environment
from tests.e2e.test_cli import RunCli, count_rows, run_cli  # noqa: F401 - the shared fixture
from tests.fake_ticketmaster import API_KEY, FakeApi

MARKET = "country=GB,city=London,days=62"
EVERY_SECOND = "* * * * * *"  # croniter's optional sixth field is the second
DEADLINE_S = 30.0


def sync_environment(database_url: str, fake_api: FakeApi, redis_url: str) -> dict[str, str]:
    return server_environment(database_url, secrets.token_urlsafe(48)) | {
        "BOXOFFICE_REDIS_URL": redis_url,
        "BOXOFFICE_TICKETMASTER_BASE_URL": fake_api.base_url,
        "BOXOFFICE_TICKETMASTER_API_KEY": API_KEY,
        "BOXOFFICE_TICKETMASTER_REQUESTS_PER_SECOND": "100",
        "BOXOFFICE_TICKETMASTER_MARKETS": MARKET,
        "BOXOFFICE_TICKETMASTER_SYNC_CRON": EVERY_SECOND,
    }


def forget_the_queue(redis_url: str) -> None:
    with redis.Redis.from_url(redis_url) as client:
        keys = [
            *client.scan_iter(match="saq:boxoffice:*"),
            *client.scan_iter("saq:job:boxoffice:*"),
        ]
        if keys:
            client.delete(*keys)


@contextmanager
def worker_process(
    env: dict[str, str], folder: Path
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """`boxoffice worker` with its output in a file; killed if a test leaves it running."""
    forget_the_queue(env["BOXOFFICE_REDIS_URL"])
    log = folder / "worker.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [BOXOFFICE, "worker"], env=env, cwd=folder, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        yield process, log
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        forget_the_queue(env["BOXOFFICE_REDIS_URL"])


def wait_until(done: Callable[[], bool], process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not done():
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.redis
def test_the_worker_runs_the_cron_sync_and_stops_cleanly_on_sigterm(
    database_url: str, fake_api: FakeApi, tmp_path: Path
) -> None:
    env = sync_environment(database_url, fake_api, require_redis())
    with worker_process(env, tmp_path) as (process, log):
        wait_until(lambda: "scheduled sync done" in log.read_text(), process, log)
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0, log.read_text()

    output = log.read_text()
    assert "worker started: syncing 1 Ticketmaster markets on '* * * * * *'" in output
    assert output.rstrip().endswith("worker stopped")
    assert "saq: Processing" in output  # saq's own lines go through our logging
    assert count_rows(database_url, events) > 0


@pytest.mark.slow
@pytest.mark.redis
def test_sigterm_in_the_middle_of_a_sync_stops_at_once_and_frees_the_market(
    database_url: str, fake_api: FakeApi, tmp_path: Path
) -> None:
    fake_api.fault({"delay": 30})  # the first request hangs: the sync holds its lease meanwhile
    env = sync_environment(database_url, fake_api, require_redis())
    with worker_process(env, tmp_path) as (process, log):
        wait_until(lambda: bool(fake_api.requests()), process, log)
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0, log.read_text()

    lease, success = asyncio.run(market_state(database_url, "gb|london||"))
    assert lease is None  # released, so the next run need not wait 15 minutes
    assert success is None  # and not recorded as a success
    assert count_rows(database_url, events) == 0


def test_the_worker_refuses_to_start_without_redis(run_cli: RunCli) -> None:  # noqa: F811
    result = run_cli("worker")

    assert result.exit_code == 1
    assert "needs BOXOFFICE_REDIS_URL" in result.output


def test_an_unreachable_redis_is_one_clear_line_and_exit_code_1(run_cli: RunCli) -> None:  # noqa: F811
    result = run_cli("worker", BOXOFFICE_REDIS_URL="redis://127.0.0.1:1/2")

    assert result.exit_code == 1
    assert result.output.startswith("Error: Redis at BOXOFFICE_REDIS_URL does not answer")
    assert len(result.output.strip().splitlines()) == 1


def test_a_malformed_market_stops_the_worker_naming_the_variable(run_cli: RunCli) -> None:  # noqa: F811
    result = run_cli(
        "worker",
        BOXOFFICE_REDIS_URL="redis://127.0.0.1:1/2",
        BOXOFFICE_TICKETMASTER_MARKETS="country=GB,town=London",
    )

    assert result.exit_code == 1
    assert "BOXOFFICE_TICKETMASTER_MARKETS: unknown key 'town'" in result.output


async def market_state(database_url: str, market: str) -> tuple[object, object]:
    """The market's lease expiry and last success (None, None when never synced)."""
    engine = create_engine(database_url)
    columns = market_syncs.c.lease_until, market_syncs.c.last_success_at
    try:
        async with engine.connect() as conn:
            row = (
                await conn.execute(select(*columns).where(market_syncs.c.market == market))
            ).first()
            return (row[0], row[1]) if row else (None, None)
    finally:
        await engine.dispose()


async def test_the_server_syncs_the_markets_on_its_own_schedule_without_redis(
    database_url: str, fake_api: FakeApi
) -> None:
    settings = Settings(
        database=DatabaseSettings(url=database_url, pool_size=2),
        ticketmaster=TicketmasterSettings(
            base_url=fake_api.base_url,
            api_key=API_KEY,
            requests_per_second=100,
            markets=MARKET,
            sync_cron=EVERY_SECOND,
        ),
    )
    app = create_app(settings)
    async with running(app):
        deadline = time.monotonic() + DEADLINE_S
        while (await market_state(database_url, "gb|london||"))[1] is None:
            assert time.monotonic() < deadline, "the scheduled sync did not run"
            await asyncio.sleep(0.2)

    assert await asyncio.to_thread(count_rows, database_url, events) > 0
