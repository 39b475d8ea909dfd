"""A cluster of one or two real `boxoffice serve` processes on SQLite or PostgreSQL.

The cluster lives for the whole package (starting it costs about two seconds); each test makes
its own event and customers, so tests do not see each other's seats.
"""

import secrets
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, create_engine, make_url

from tests.conftest import require_postgres, truncate_postgres
from tests.e2e.races.ledger import Ledger, read_ledger
from tests.e2e.races.servers import Server, run_cli, server_environment, start_server

ADMIN = ("race_admin", "admin@races.example.org", "Admin#Pass1")
CLUSTERS = [
    pytest.param(("sqlite", 1), id="sqlite-1-server"),
    pytest.param(("sqlite", 2), id="sqlite-2-servers"),
    pytest.param(("postgres", 1), id="postgres-1-server", marks=pytest.mark.postgres),
    pytest.param(("postgres", 2), id="postgres-2-servers", marks=pytest.mark.postgres),
]
FIGURES: list[str] = []


@dataclass
class Cluster:
    backend: str
    servers: list[Server]
    admin_token: str
    database: Engine

    @property
    def urls(self) -> list[str]:
        return [server.url for server in self.servers]

    def ledger(self, event_id: str) -> Ledger:
        return read_ledger(self.database, event_id)

    def logs(self) -> str:
        return "\n".join(f"--- {s.url}\n{s.log_tail()}" for s in self.servers)


def _database_url(backend: str, request: pytest.FixtureRequest, workdir: Path) -> str:
    if backend == "sqlite":
        path = workdir / "boxoffice.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite+aiosqlite:///{path}"
    require_postgres()  # skips on a developer machine without it; fails on CI
    url: str = request.getfixturevalue("migrated_postgres")
    truncate_postgres()
    return url


def _sync_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.drivername == "sqlite+aiosqlite":
        parsed = parsed.set(drivername="sqlite")
    return create_engine(parsed)


def _admin_token(url: str) -> str:
    username, _, password = ADMIN
    response = httpx.post(
        f"{url}/auth/login", json={"login": username, "password": password}, timeout=10
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


@pytest.fixture(scope="package", params=CLUSTERS)
def cluster(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cluster]:
    backend, count = request.param
    workdir = tmp_path_factory.mktemp(f"{backend}-{count}")
    url = _database_url(backend, request, workdir)
    env = server_environment(url, jwt_secret=secrets.token_urlsafe(48))
    username, email, password = ADMIN
    run_cli(
        ["users", "create-admin", "--username", username, "--email", email, "--password", password],
        env,
        workdir,
    )
    servers: list[Server] = []
    database = _sync_engine(url)
    try:
        for n in range(count):
            servers.append(start_server(env, workdir, f"server-{n}"))
        yield Cluster(backend, servers, _admin_token(servers[0].url), database)
    finally:
        for server in servers:
            server.stop()
        database.dispose()


@pytest.fixture
def record_figure(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Keep a measured figure for the summary at the end of the run."""

    def record(text: str) -> None:
        FIGURES.append(f"{request.node.name}: {text}")

    return record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("race figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
