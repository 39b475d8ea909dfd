"""Turns: at most N holders per key at once, the others waiting in order; keys apart; an entry
gone once nobody holds or waits; a waiter that gives up takes nobody's turn."""

import asyncio

from boxoffice.adapters.sqlalchemy.turns import Turns


async def test_no_more_than_the_limit_hold_a_key_at_once_and_all_get_a_turn() -> None:
    turns, holding, most, served = Turns(2), [0], [0], []

    async def sale(n: int) -> None:
        async with turns.taken("hot"):
            holding[0] += 1
            most[0] = max(most[0], holding[0])
            await asyncio.sleep(0.001)
            served.append(n)
            holding[0] -= 1

    await asyncio.gather(*(sale(n) for n in range(20)))

    assert most == [2]
    assert sorted(served) == list(range(20))
    assert len(turns) == 0


async def test_other_keys_do_not_wait_for_a_busy_one() -> None:
    turns, release = Turns(1), asyncio.Event()

    async def hold() -> None:
        async with turns.taken("hot"):
            await release.wait()

    holder = asyncio.create_task(hold())
    await asyncio.sleep(0)
    async with asyncio.timeout(1):
        async with turns.taken("quiet"):
            other_keys = len(turns)
    release.set()
    await holder

    assert other_keys == 2
    assert len(turns) == 0


async def test_a_waiter_that_gives_up_leaves_the_turns_as_they_were() -> None:
    turns, release = Turns(1), asyncio.Event()

    async def hold() -> None:
        async with turns.taken("hot"):
            await release.wait()

    holder = asyncio.create_task(hold())
    await asyncio.sleep(0)
    waiter = asyncio.create_task(hold())
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.gather(waiter, return_exceptions=True)
    release.set()
    await holder
    async with asyncio.timeout(1):  # the turn is free again: nobody kept it
        async with turns.taken("hot"):
            pass

    assert waiter.cancelled()
    assert len(turns) == 0
