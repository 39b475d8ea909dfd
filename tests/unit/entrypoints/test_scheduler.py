"""The embedded scheduler, on a clock that only moves when the scheduler sleeps."""

import asyncio
from datetime import UTC, datetime

import pytest

from boxoffice.entrypoints.container import build_container
from boxoffice.entrypoints.scheduler import TASK_NAME, embedded_scheduler, next_run, run_on_schedule
from boxoffice.entrypoints.settings import (
    DatabaseSettings,
    RedisSettings,
    Settings,
    TicketmasterSettings,
)
from tests.fakes import FixedClock

START = datetime(2026, 11, 23, 10, 7, 30, tzinfo=UTC)


class SleepingClock(FixedClock):
    """`sleep` moves the clock instead of waiting, and remembers how long it was asked for."""

    def __init__(self, now: datetime) -> None:
        super().__init__(now)
        self.sleeps: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.advance(seconds=seconds)


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 11, 23, hour, minute, second, tzinfo=UTC)


def test_the_next_run_is_strictly_after_the_given_time() -> None:
    assert next_run("*/15 * * * *", START) == at(10, 15)
    assert next_run("*/15 * * * *", at(10, 15)) == at(10, 30)
    assert next_run("* * * * * */20", START) == at(10, 7, 40)  # seconds come last


async def test_the_job_runs_at_each_time_the_cron_names() -> None:
    clock = SleepingClock(START)
    dues: list[datetime] = []

    async def job(job_id: str, due: datetime) -> None:
        assert clock.now() >= due
        dues.append(due)

    await run_on_schedule("*/15 * * * *", job, clock, clock.sleep, runs=3)

    assert dues == [at(10, 15), at(10, 30), at(10, 45)]
    assert clock.sleeps == [450.0, 900.0, 900.0]


async def test_each_run_has_its_own_job_id() -> None:
    clock = SleepingClock(START)
    ids: list[str] = []

    async def job(job_id: str, due: datetime) -> None:
        ids.append(job_id)

    await run_on_schedule("* * * * *", job, clock, clock.sleep, runs=3)

    assert len(set(ids)) == 3
    assert all(i.startswith("sched-") for i in ids)


async def test_a_run_missed_while_the_previous_one_ran_is_skipped() -> None:
    clock = SleepingClock(START)
    dues: list[datetime] = []

    async def slow_job(job_id: str, due: datetime) -> None:
        dues.append(due)
        clock.advance(minutes=20)

    await run_on_schedule("*/15 * * * *", slow_job, clock, clock.sleep, runs=3)

    assert dues == [at(10, 15), at(10, 45), at(11, 15)]


async def test_a_failing_run_does_not_stop_the_schedule() -> None:
    clock = SleepingClock(START)
    dues: list[datetime] = []

    async def flaky_job(job_id: str, due: datetime) -> None:
        dues.append(due)
        if len(dues) == 1:
            raise RuntimeError("the database went away")

    await run_on_schedule("0 * * * *", flaky_job, clock, clock.sleep, runs=2)

    assert dues == [at(11, 0), at(12, 0)]


async def test_an_early_wake_up_sleeps_again_until_the_run_is_due() -> None:
    clock = SleepingClock(START)

    async def drowsy_sleep(seconds: float) -> None:
        await clock.sleep(seconds - 2 if seconds > 2 else seconds)

    dues: list[datetime] = []

    async def job(job_id: str, due: datetime) -> None:
        assert clock.now() >= due
        dues.append(due)

    await run_on_schedule("*/15 * * * *", job, clock, drowsy_sleep, runs=1)

    assert dues == [at(10, 15)]
    assert clock.sleeps == [448.0, 2.0]


def scheduler_settings(
    markets: str = "country=GB", api_key: str = "key", redis: str = ""
) -> Settings:
    return Settings(
        database=DatabaseSettings(url="sqlite+aiosqlite:///unused.db"),
        ticketmaster=TicketmasterSettings(markets=markets, api_key=api_key),
        redis=RedisSettings(url=redis),
    )


@pytest.mark.parametrize(
    ("overrides", "scheduled"),
    [
        ({}, True),
        ({"markets": ""}, False),
        ({"api_key": ""}, False),
        ({"redis": "redis://127.0.0.1:6379/2"}, False),  # `boxoffice worker` schedules
    ],
)
async def test_the_server_schedules_only_with_markets_a_key_and_no_redis(
    overrides: dict[str, str], scheduled: bool
) -> None:
    settings = scheduler_settings(**overrides)
    container = build_container(settings)

    async with embedded_scheduler(container, settings):
        names = {task.get_name() for task in asyncio.all_tasks()}
        assert (TASK_NAME in names) is scheduled

    assert TASK_NAME not in {task.get_name() for task in asyncio.all_tasks()}
