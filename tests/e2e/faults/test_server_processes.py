"""Real `boxoffice serve --workers 2` processes: a worker killed with SIGKILL is replaced while
the other serves; SIGTERM drains the server; a taken port is refused."""

import asyncio
import os
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect

from tests.e2e.faults.outcomes import DEADLINE_S, Outcomes, load, until
from tests.e2e.faults.processes import workers
from tests.e2e.notifications.served import receive, socket_url
from tests.e2e.races.servers import (
    BOXOFFICE,
    HOST,
    Server,
    run_cli,
    server_environment,
    start_server,
)

pytestmark = pytest.mark.slow
JWT = "fault-tests-secret-that-is-long-enough-0123456789"
TWO_WORKERS = ("--workers", "2")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = server_environment(f"sqlite+aiosqlite:///{tmp_path}/boxoffice.db", JWT)
    run_cli(["db", "upgrade"], env, tmp_path)
    return env


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    # A new connection per request: none is left idle for the server to close under a request.
    limits = httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        yield client


async def test_a_worker_killed_with_sigkill_is_replaced_while_the_other_serves(
    env: dict[str, str], tmp_path: Path, servers: list[Server], client: httpx.AsyncClient
) -> None:
    server = start_server(env, tmp_path, "sigkill", options=TWO_WORKERS)
    servers.append(server)
    pid = server.process.pid
    await until(lambda: len(workers(pid)) == 2, "two workers")
    # Both serving, not only spawned: a worker killed while it starts is not the case here.
    await until(lambda: log_count(server, "Started worker") >= 2, "two workers started")
    before = workers(pid)
    outcomes = Outcomes()
    stop = load(lambda: client.get(f"{server.url}/events"), outcomes, 200, clients=4)
    try:
        await until(lambda: outcomes.count(200) >= 20, "answers before the kill")
        os.kill(min(before), signal.SIGKILL)
        at_kill = outcomes.count(200)
        await until(lambda: outcomes.count(200) >= at_kill + 20, "answers after the kill")
        await until(lambda: len(workers(pid) - before) == 1, "a replacement worker")
        await until(lambda: log_count(server, "Started worker") >= 3, "the replacement started")
        at_replacement = outcomes.count(200)
        await until(lambda: outcomes.count(200) >= at_replacement + 20, "answers after it")
    finally:
        await stop()

    print(f"\nSIGKILL of one of two workers: {dict(outcomes.statuses)} (0: no answer)")
    assert server.process.poll() is None, server.log_tail()
    assert len(workers(pid)) == 2
    assert all(status in (0, 200) for status in outcomes.statuses), outcomes.unexpected
    assert outcomes.count(0) <= 4  # at most the requests the killed worker held


async def test_sigterm_finishes_the_requests_in_flight_and_exits_0(
    env: dict[str, str], tmp_path: Path, servers: list[Server], client: httpx.AsyncClient
) -> None:
    slow_hashes = env | {"BOXOFFICE_BCRYPT_ROUNDS": "14"}  # a login takes seconds
    server = start_server(slow_hashes, tmp_path, "sigterm", options=TWO_WORKERS)
    servers.append(server)
    account = {"username": "priya", "email": "priya@example.com", "password": "Secret#12345"}
    assert (await client.post(f"{server.url}/auth/register", json=account)).status_code == 201
    outcomes = Outcomes()
    stop = load(lambda: client.get(f"{server.url}/events"), outcomes, 200, clients=4)
    await until(lambda: outcomes.count(200) >= 20, "answers before SIGTERM")
    in_flight = asyncio.create_task(login(client, server, account))
    await asyncio.sleep(0.3)  # the login is checked below to have outlasted the signal
    server.process.send_signal(signal.SIGTERM)
    signalled = time.monotonic()
    exit_code = await asyncio.to_thread(server.process.wait, DEADLINE_S)
    stopped_after = time.monotonic() - signalled
    await stop()
    answer = await in_flight

    print(f"\nSIGTERM under load: {dict(outcomes.statuses)}; stopped in {stopped_after:.2f} s")
    assert answer.answered_at > signalled, "the login ended before SIGTERM: make it slower"
    assert answer.response.status_code == 200
    assert exit_code == 0, server.log_tail()
    assert log_count(server, "outbox relay stopped") == 2
    assert all(status in (0, 200) for status in outcomes.statuses), outcomes.unexpected


async def test_sigterm_closes_the_notification_sockets_with_1001(
    env: dict[str, str], tmp_path: Path, servers: list[Server], client: httpx.AsyncClient
) -> None:
    server = start_server(env, tmp_path, "sockets", options=TWO_WORKERS)
    servers.append(server)
    account = {"username": "rahul", "email": "rahul@example.com", "password": "Secret#12345"}
    assert (await client.post(f"{server.url}/auth/register", json=account)).status_code == 201
    token = (await login(client, server, account)).response.json()["access_token"]
    sockets = [await connect(socket_url(server, token)) for _ in range(4)]  # on both workers
    for socket in sockets:
        assert (await receive(socket))["type"] == "ready"

    server.process.send_signal(signal.SIGTERM)
    for socket in sockets:
        await asyncio.wait_for(socket.wait_closed(), DEADLINE_S)
    exit_code = await asyncio.to_thread(server.process.wait, DEADLINE_S)

    assert [socket.close_code for socket in sockets] == [1001] * 4, server.log_tail()
    assert exit_code == 0


@dataclass(frozen=True)
class Answer:
    response: httpx.Response
    answered_at: float


async def login(client: httpx.AsyncClient, server: Server, account: dict[str, str]) -> Answer:
    body = {"login": account["username"], "password": account["password"]}
    response = await client.post(f"{server.url}/auth/login", json=body)
    return Answer(response, answered_at=time.monotonic())


def test_a_second_server_on_a_port_in_use_exits_1_naming_the_port(
    env: dict[str, str], tmp_path: Path, servers: list[Server]
) -> None:
    first = start_server(env, tmp_path, "first")
    servers.append(first)
    port = first.url.rsplit(":", 1)[1]

    second = subprocess.run(
        [BOXOFFICE, "serve", "--host", HOST, "--port", port, "--no-migrate"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
    )

    assert second.returncode == 1
    assert f"Error: port {port} on {HOST} is already in use" in second.stderr
    assert httpx.get(f"{first.url}/health").status_code == 200


def log_count(server: Server, text: str) -> int:
    return server.log.read_text(errors="replace").count(text)
