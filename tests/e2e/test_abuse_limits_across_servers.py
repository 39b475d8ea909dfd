"""Two real server processes share one Redis: the registration limits and Ticketmaster's daily
budget are counted once across them, whichever process a request reaches."""

import secrets
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from random import randrange

import httpx
import pytest
import redis

from tests.conftest import require_redis
from tests.e2e.races.servers import Server, server_environment, start_server
from tests.fake_ticketmaster import API_KEY, FakeApi

pytestmark = [pytest.mark.slow, pytest.mark.redis]
PASSWORD = "Secret#123"
DAILY_BUDGET = 3


@pytest.fixture(scope="module")
def servers(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path, fake_api_server: FakeApi
) -> Iterator[list[Server]]:
    workdir = tmp_path_factory.mktemp("abuse-limits")
    shutil.copy(sqlite_template, workdir / "boxoffice.db")
    env = server_environment(
        f"sqlite+aiosqlite:///{workdir / 'boxoffice.db'}", secrets.token_urlsafe(48)
    )
    env |= {
        "BOXOFFICE_REDIS_URL": require_redis(),
        "BOXOFFICE_TRUSTED_PROXIES": "127.0.0.1",  # clients played through a loopback "proxy"
        "BOXOFFICE_OPEN_EVENT_CREATION": "true",
        "BOXOFFICE_REGISTRATION_RATE_LIMIT": "100",
        "BOXOFFICE_REGISTRATION_EVENT_RATE_LIMIT": "3",
        "BOXOFFICE_TICKETMASTER_BASE_URL": fake_api_server.base_url,
        "BOXOFFICE_TICKETMASTER_API_KEY": API_KEY,
        "BOXOFFICE_TICKETMASTER_REQUESTS_PER_SECOND": "50",
        "BOXOFFICE_TICKETMASTER_DAILY_BUDGET": str(DAILY_BUDGET),
        # Only the daily budget bounds the refreshes here.
        "BOXOFFICE_TICKETMASTER_REFRESH_CLIENT_LIMIT": "0",
        "BOXOFFICE_TICKETMASTER_REFRESH_LIMIT": "0",
    }
    started: list[Server] = []
    try:
        for n in range(2):
            started.append(start_server(env, workdir, f"abuse-{n}"))
        yield started
    finally:
        for server in started:
            server.stop()


def a_client_ip() -> str:
    """A fresh documentation address per test, so runs never share a Redis counter."""
    return f"198.18.{randrange(256)}.{randrange(1, 255)}"


def an_organisers_event(server: Server) -> str:
    name = f"org_{uuid.uuid4().hex[:10]}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    assert httpx.post(f"{server.url}/auth/register", json=body, timeout=10).status_code == 201
    login = {"login": name, "password": PASSWORD}
    token = httpx.post(f"{server.url}/auth/login", json=login, timeout=10).json()["access_token"]
    event = {
        "title": "Open mic",
        "location": "Town hall",
        "start_time": "2030-01-10T19:00:00",
        "end_time": "2030-01-10T22:00:00",
        "capacity": 10,
    }
    headers = {"Authorization": f"Bearer {token}"}
    created = httpx.post(f"{server.url}/events", json=event, headers=headers, timeout=10)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def test_the_per_event_registration_limit_holds_whichever_server_is_asked(
    servers: list[Server],
) -> None:
    event_id, ip = an_organisers_event(servers[0]), a_client_ip()

    answers = [
        httpx.post(
            f"{servers[n % 2].url}/events/{event_id}/register",
            json={"name": "Guest", "email": f"made-up-{n}@example.com"},
            headers={"X-Forwarded-For": ip},
            timeout=10,
        )
        for n in range(6)
    ]

    assert [a.status_code for a in answers] == [201] * 3 + [429] * 3, [a.text for a in answers]
    assert answers[-1].headers["content-type"].startswith("application/problem+json")
    seats = httpx.get(f"{servers[1].url}/events/{event_id}", timeout=10).json()["seats_available"]
    assert seats == 10 - 3


def test_the_daily_ticketmaster_budget_is_spent_once_across_servers(
    servers: list[Server], fake_api: FakeApi
) -> None:
    today = datetime.now(UTC).date().isoformat()
    with redis.Redis.from_url(require_redis()) as client:
        client.delete(f"boxoffice:ticketmaster-budget:{today}")  # this test's Redis only

    answers = [
        httpx.get(
            f"{servers[n % 2].url}/events",
            params={"source": "ticketmaster", "q": f"made-up band {uuid.uuid4().hex[:8]}"},
            timeout=30,
        )
        for n in range(6)
    ]

    assert [a.status_code for a in answers] == [200] * 6
    assert ["x-data-stale" in a.headers for a in answers] == [False] * 3 + [True] * 3
    assert "daily budget" in answers[-1].headers["x-data-stale-reason"]
    assert len(fake_api.requests()) == DAILY_BUDGET
