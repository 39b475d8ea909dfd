"""The MarketSyncRepository contract: the in-memory fake, SQLite and PostgreSQL keep one lease
per market the same way, so the sync's tests on the fake say what the database does."""

import asyncio
from datetime import datetime, timedelta

from tests.builders import NOW
from tests.integration.conftest import NewUnitOfWork

LEASE = timedelta(minutes=5)


async def acquire(
    new_uow: NewUnitOfWork, market: str, at: datetime = NOW, lease: timedelta = LEASE
) -> bool:
    async with new_uow() as uow:
        taken = await uow.market_syncs.acquire(market, at, at + lease)
        await uow.commit()
    return taken


async def release(
    new_uow: NewUnitOfWork, market: str, at: datetime = NOW, error: str | None = None
) -> None:
    async with new_uow() as uow:
        await uow.market_syncs.release(market, at, error)
        await uow.commit()


async def last_success(new_uow: NewUnitOfWork, market: str) -> datetime | None:
    async with new_uow() as uow:
        return await uow.market_syncs.last_success(market)


async def test_an_unknown_market_has_never_succeeded(new_uow: NewUnitOfWork) -> None:
    assert await last_success(new_uow, "in|pune||") is None


async def test_a_held_lease_refuses_everyone_else_until_it_expires(new_uow: NewUnitOfWork) -> None:
    market = "in|pune||"

    first = await acquire(new_uow, market)
    while_held = await acquire(new_uow, market, at=NOW + LEASE - timedelta(seconds=1))
    at_expiry = await acquire(new_uow, market, at=NOW + LEASE)

    assert (first, while_held, at_expiry) == (True, False, True)


async def test_markets_have_leases_of_their_own(new_uow: NewUnitOfWork) -> None:
    assert await acquire(new_uow, "in|pune||")
    assert await acquire(new_uow, "in|mumbai||")
    assert not await acquire(new_uow, "in|pune||")


async def test_a_successful_release_records_its_time_and_frees_the_lease(
    new_uow: NewUnitOfWork,
) -> None:
    market = "gb|london||"
    await acquire(new_uow, market)
    done_at = NOW + timedelta(minutes=1)

    await release(new_uow, market, at=done_at)

    assert await last_success(new_uow, market) == done_at
    assert await acquire(new_uow, market, at=done_at)


async def test_a_failed_release_frees_the_lease_and_keeps_the_last_success(
    new_uow: NewUnitOfWork,
) -> None:
    market = "gb|london||"
    await acquire(new_uow, market)
    await release(new_uow, market, at=NOW)
    later = NOW + timedelta(hours=1)
    await acquire(new_uow, market, at=later)

    await release(new_uow, market, at=later, error="Ticketmaster answered 503")

    assert await last_success(new_uow, market) == NOW
    assert await acquire(new_uow, market, at=later)


async def test_of_racing_acquires_exactly_one_wins(new_uow: NewUnitOfWork) -> None:
    results = await asyncio.gather(*(acquire(new_uow, "us|new york||") for _ in range(8)))

    assert sorted(results) == [False] * 7 + [True]
