"""The load of bench/req004.py, from the seed events to the last notification."""

import argparse
import asyncio
import random
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass

import httpx
from openloop import Pacing, due_times, run_schedule
from req004_mix import Admin, Sessions, Traffic
from req004_setup import seed_events, server_times_ms, subscribe, wait_for_outbox
from req004_sockets import Sockets
from servers import Server

from boxoffice.domain.users import User


@dataclass
class Outcome:
    traffic: Traffic
    pacing: Pacing
    # open at start, at end, failed; repeated deliveries; the server's close codes
    sockets: tuple[int, int, int, int, str]
    delays_ms: list[float]
    deliveries_expected: int
    loader_cpu: float  # cores used by this process
    server_cpu: float  # cores used by both services' processes
    server_cpu_per_request_ms: float  # their CPU time over every request sent
    server_times_ms: list[float]  # the event service's own time per request, from its log


async def send_load(
    args: argparse.Namespace,
    events: Server,
    notes: Server,
    tokens: list[str],
    admin_token: str,
    traffic: Traffic,
) -> tuple[Pacing, float, float]:
    """The warm-up and the measured load; the sessions' pacing, and the cores this process
    and the servers used meanwhile."""
    pacing = Pacing()
    async with AsyncExitStack() as stack:
        sessions = Sessions(events.url, tokens, traffic)
        await sessions.open(stack)
        bearer = {"Authorization": f"Bearer {admin_token}"}
        client = httpx.AsyncClient(base_url=events.url, timeout=10, headers=bearer)
        admin = Admin(await stack.enter_async_context(client), traffic)
        start, span = time.perf_counter() + 1.0, args.warmup + args.seconds
        traffic.measure_from = start + args.warmup
        cpu = (time.process_time(), events.cpu_seconds() + notes.cpu_seconds())
        creations = due_times(args.creations_per_minute / 60, span, start)
        updates = due_times(args.updates_per_minute / 60, span, start + 3)
        await asyncio.gather(
            run_schedule(due_times(args.rate, span, start), sessions.fire, pacing),
            run_schedule(creations, admin.create, Pacing()),
            run_schedule(updates, admin.update, Pacing()),
        )
        wall = time.perf_counter() - start
    loader_cpu = (time.process_time() - cpu[0]) / wall
    return pacing, loader_cpu, (events.cpu_seconds() + notes.cpu_seconds() - cpu[1]) / wall


async def load(
    args: argparse.Namespace, events: Server, notes: Server, users: list[User], tokens: list[str]
) -> Outcome:
    seed = await seed_events(events.url, args.events, args.events // 10, random.Random(42))
    watched = [e for e in seed.event_ids if e not in seed.small_ids][:5]
    subscribe(args.postgres_url, users[: args.sockets], watched)
    sockets = Sockets()
    await sockets.connect(notes.url, tokens[: args.sockets])
    at_start = sockets.open
    traffic = Traffic(seed.event_ids, watched, sorted(seed.small_ids))
    log_offset = events.log.stat().st_size
    pacing, loader_cpu, server_cpu = await send_load(
        args, events, notes, tokens, seed.admin_token, traffic
    )
    # Deliveries still on their way count, with their delay.
    expected = at_start * len(traffic.answered)
    await asyncio.to_thread(wait_for_outbox, args.postgres_url, 30)
    await sockets.wait_for(expected, traffic.answered, 15)
    own_times = server_times_ms(events.log, log_offset)
    at_end = sockets.open
    await sockets.close()
    delays, repeats = sockets.delays_ms(traffic.answered)
    codes = ", ".join(f"{code}: {n}" for code, n in sorted(sockets.close_codes.items()))
    sockets_seen = (at_start, at_end, sockets.failed, repeats, codes or "none")
    sent = sum(route.answered for route in traffic.routes.values()) / max(1, args.seconds)
    cost = 1000 * server_cpu / max(sent, 1e-9)
    return Outcome(
        traffic, pacing, sockets_seen, delays, expected, loader_cpu, server_cpu, cost, own_times
    )
