"""Two real server processes share one Redis counter, so the limit is exact across them."""

import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from random import randrange

import httpx
import pytest

from tests.conftest import require_redis
from tests.e2e.races.servers import Server, server_environment, start_server

pytestmark = [pytest.mark.slow, pytest.mark.redis]
WINDOW_SECONDS = 2


@pytest.fixture(scope="module")
def servers(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[list[Server]]:
    redis_url = require_redis()
    workdir = tmp_path_factory.mktemp("rate-limits")
    shutil.copy(sqlite_template, workdir / "boxoffice.db")
    env = server_environment(
        f"sqlite+aiosqlite:///{workdir / 'boxoffice.db'}", secrets.token_urlsafe(48)
    )
    env |= {
        "BOXOFFICE_REDIS_URL": redis_url,
        "BOXOFFICE_LOGIN_RATE_LIMIT": "5",
        "BOXOFFICE_RATE_LIMIT_WINDOW_SECONDS": str(WINDOW_SECONDS),
        # The tests play several clients from one machine through a "proxy" on loopback.
        "BOXOFFICE_TRUSTED_PROXIES": "127.0.0.1",
    }
    started: list[Server] = []
    try:
        for n in range(2):
            started.append(start_server(env, workdir, f"limited-{n}"))
        yield started
    finally:
        for server in started:
            server.stop()


def a_client_ip() -> str:
    """A fresh documentation address per test, so runs never share a Redis counter."""
    return f"198.18.{randrange(256)}.{randrange(1, 255)}"


def log_in(server: Server, ip: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}/auth/login",
        json={"login": "nobody", "password": "wrong"},
        headers={"X-Forwarded-For": ip},
        timeout=10,
    )


def six_logins_in_one_window(servers: list[Server]) -> tuple[str, list[httpx.Response]]:
    """Six logins of one client IP, alternating servers, that fit in one window: a loaded
    machine may spread a try over two windows, and then it is tried again with another IP."""
    for _ in range(5):
        ip, started = a_client_ip(), time.monotonic()
        answers = [log_in(servers[n % 2], ip) for n in range(6)]
        if time.monotonic() - started < WINDOW_SECONDS:
            return ip, answers
    pytest.fail(f"six logins never fitted in {WINDOW_SECONDS} s")


def test_the_sixth_login_in_a_window_is_429_whichever_server_it_reaches(
    servers: list[Server],
) -> None:
    _, answers = six_logins_in_one_window(servers)

    assert [a.status_code for a in answers] == [401] * 5 + [429], [a.text for a in answers]
    assert answers[-1].headers["content-type"].startswith("application/problem+json")
    assert int(answers[-1].headers["retry-after"]) >= 1


def test_other_ips_are_unaffected(servers: list[Server]) -> None:
    _, noisy = six_logins_in_one_window(servers)

    assert noisy[-1].status_code == 429
    assert log_in(servers[0], a_client_ip()).status_code == 401


def test_the_window_resets(servers: list[Server]) -> None:
    ip, answers = six_logins_in_one_window(servers)
    assert answers[-1].status_code == 429

    time.sleep(WINDOW_SECONDS + 0.1)  # past the window: only ever longer on a loaded machine

    assert log_in(servers[1], ip).status_code == 401
