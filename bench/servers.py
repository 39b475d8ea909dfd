"""Databases and `boxoffice serve` processes for the benchmark, all on 127.0.0.1."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg

BOXOFFICE = str(Path(sys.executable).with_name("boxoffice"))
HOST = "127.0.0.1"
ADMIN = ("bench_admin", "admin@bench.example.org", "Bench#Pass1")
TABLES = (
    "tickets, bookings, registrations, event_tags, saved_events, event_subscriptions, events, "
    "users, outbox, notification_reads, notification_read_marks, notification_recipients, "
    "notifications"
)


def environment(database_url: str, log_level: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOXOFFICE_")}
    env |= {
        "BOXOFFICE_DATABASE_URL": database_url,
        "BOXOFFICE_JWT_SECRET": secrets.token_urlsafe(48),  # shared by every worker
        "BOXOFFICE_BCRYPT_ROUNDS": "4",  # sign-ups are set-up, not what we measure
        "BOXOFFICE_LOG_LEVEL": log_level,
        # The set-up signs up one customer per connection from one address.
        "BOXOFFICE_LOGIN_RATE_LIMIT": "100000",
    }
    return env


def cli(args: list[str], env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run(
        [BOXOFFICE, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"boxoffice {' '.join(args[:2])} failed: {' | '.join(last)}")


def prepare_database(env: dict[str, str], workdir: Path) -> None:
    """Migrated, emptied, with one admin; on PostgreSQL only the rows go, never the schema."""
    url = env["BOXOFFICE_DATABASE_URL"]
    if url.startswith("postgresql"):
        _create_database_if_missing(url)
    cli(["db", "upgrade"], env, workdir)
    if url.startswith("postgresql"):
        dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
            conn.execute("VACUUM ANALYZE")
    username, email, password = ADMIN
    cli(
        ["users", "create-admin", "--username", username, "--email", email, "--password", password],
        env,
        workdir,
    )


def _create_database_if_missing(url: str) -> None:
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    base, _, name = dsn.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def cpu_seconds(group: int) -> float:
    """CPU time used so far by every live process of a process group (Linux /proc)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if int(fields[2]) == group:  # pgrp; utime and stime follow at 11 and 12
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def cpu_pressure() -> str:
    """How much of the last minute some task waited for a CPU (Linux pressure stall info)."""
    try:
        some = Path("/proc/pressure/cpu").read_text().split("\n", 1)[0]
    except OSError:
        return "CPU pressure unknown"
    share = dict(field.split("=") for field in some.split()[1:])["avg60"]
    return f"some task waited for a CPU {share} % of the last minute"


def core_split(pin: bool) -> tuple[set[int], set[int], str]:
    """Cores for the servers and for this process (the load generator and the sockets)."""
    cores = sorted(os.sched_getaffinity(0))
    if not pin or len(cores) < 2:
        return set(cores), set(cores), f"servers and load generator share cores {cores}"
    servers, loader = set(cores[1:]), {cores[0]}
    text = (
        f"servers pinned to cores {sorted(servers)}, the load generator and the sockets to "
        f"core {cores[0]}; PostgreSQL, RabbitMQ and Redis are shared services, not pinned"
    )
    return servers, loader, text


@dataclass(frozen=True)
class Server:
    url: str
    group: int  # process group of granian and its workers
    log: Path  # what its processes write

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.group)


@contextmanager
def running_server(
    env: dict[str, str], workdir: Path, workers: int, service: str = ""
) -> Iterator[Server]:
    """A server with `workers` processes, stopped on exit; `service` "notifications" runs the
    notification service instead of the event service."""
    port = free_port()
    command = [BOXOFFICE, "serve", *([service] if service else [])]
    command += ["--host", HOST, "--port", str(port), "--no-migrate"]
    log_path = workdir / f"server-{service or 'events'}-{workers}w.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [*command, "--workers", str(workers)],
            env=env,
            cwd=workdir,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: granian and its workers
        )
    url = f"http://{HOST}:{port}"
    try:
        _wait_until_healthy(process, url)
        yield Server(url, process.pid, log_path)
    finally:
        _stop(process)


def _wait_until_healthy(process: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}; see its log")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not answer /health within 30 s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(15)
