"""No password, token or secret reaches a log line or an answer when a request fails in a way
nobody planned for, in text and in JSON mode; and each such failure is one log line."""

import json
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from dependency_injector import providers
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice import entrypoints
from boxoffice.adapters.sqlalchemy.event_reads import SqlAlchemyEventReads
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.domain.users import Role
from boxoffice.entrypoints.container import build_container
from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.log_redaction import secrets_of
from boxoffice.entrypoints.logs import configure_logging_for
from boxoffice.entrypoints.settings import (
    BrokerSettings,
    DatabaseSettings,
    HttpSettings,
    IdentitySettings,
    LoggingSettings,
    Settings,
    TicketmasterSettings,
)
from tests.e2e.api import JWT_SECRET, PROBLEM_JSON, Api, Caller, running
from tests.e2e.transport import asgi_transport
from tests.log_capture import restored_logging

NEW_PASSWORD = "Tangerine-Harbour-7781"
DB_PASSWORD = "db-pass-9f8e7d6c5b4a"
API_KEY = "tm-key-0a1b2c3d4e5f6a7b8c9d"


class DatabaseMeltdown(Exception):
    """Nothing maps it to an answer: the unexpected error of these tests."""


class Outage:
    def __init__(self) -> None:
        self.now = False


class FailingUnitOfWork(SqlAlchemyUnitOfWork):
    """The real unit of work, which raises on entry during an outage, as a driver would, with
    the connection string in its message."""

    def __init__(self, engine: AsyncEngine, outage: Outage) -> None:
        super().__init__(engine)
        self._outage = outage

    async def __aenter__(self) -> "FailingUnitOfWork":
        if self._outage.now:
            dsn = f"postgresql://boxoffice:{DB_PASSWORD}@db:5432/boxoffice?apikey={API_KEY}"
            raise DatabaseMeltdown(f"connection to {dsn} failed: server closed the connection")
        await super().__aenter__()
        return self


class FailingEventReads(SqlAlchemyEventReads):
    """The real read side, which fails as the unit of work does during an outage."""

    def __init__(self, engine: AsyncEngine, outage: Outage) -> None:
        super().__init__(engine)
        self._outage = outage

    async def _read(self, statement: Any, params: dict[str, Any]) -> Any:
        if self._outage.now:
            raise DatabaseMeltdown(f"connection to postgresql://boxoffice:{DB_PASSWORD}@db failed")
        return await super()._read(statement, params)


def fragments(secret: str, size: int = 8) -> set[str]:
    return {secret[i : i + size] for i in range(len(secret) - size + 1)}


@pytest.fixture(params=["text", "json"])
def settings(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Settings:
    path = tmp_path / "boxoffice.db"
    shutil.copy(sqlite_template, path)
    return Settings(
        database=DatabaseSettings(url=f"sqlite+aiosqlite:///{path}"),
        identity=IdentitySettings(bcrypt_rounds=4, jwt_secret=JWT_SECRET),
        ticketmaster=TicketmasterSettings(api_key=API_KEY),
        logging=LoggingSettings(json=request.param == "json"),
        broker=BrokerSettings(outbox_poll_seconds=3600),
        http=HttpSettings(read_cache_seconds=0),  # every read meets the outage
    )


@pytest.fixture
def lines(settings: Settings) -> Iterator[list[str]]:
    with restored_logging() as captured:
        configure_logging_for(settings, sink=captured.append)
        yield captured


@pytest.fixture
def outage() -> Outage:
    return Outage()


@pytest.fixture
async def api(settings: Settings, outage: Outage, lines: list[str]) -> AsyncIterator[Api]:
    container = build_container(settings)
    failing = providers.Factory(
        FailingUnitOfWork, engine=container.infrastructure.engine, outage=outage
    )
    container.infrastructure.uow.override(failing)
    reads = providers.Singleton(
        FailingEventReads, engine=container.infrastructure.read_engine, outage=outage
    )
    container.infrastructure.event_reads.override(reads)
    app = create_app(settings, container)
    async with running(app):
        transport = asgi_transport(app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield Api(client, app)


async def test_an_unexpected_error_logs_no_password_token_or_secret_in_one_line_per_failure(
    api: Api, outage: Outage, lines: list[str], settings: Settings
) -> None:
    customer: Caller = await api.user(Role.CUSTOMER, "priya")
    outage.now = True
    failing = [
        ("/auth/login", {"login": "priya", "password": NEW_PASSWORD}, {}),
        (
            "/auth/register",
            {"email": "r@example.com", "username": "rahul", "password": NEW_PASSWORD},
            {},
        ),
        (
            "/bookings",
            {"event_id": "00000000-0000-0000-0000-000000000001", "quantity": 1},
            customer.headers,
        ),
    ]
    secrets = {NEW_PASSWORD, customer.token, DB_PASSWORD, *secrets_of(settings)}

    for path, body, headers in failing:
        before = len(lines)
        response = await api.client.post(path, json=body, headers=headers)

        assert response.status_code == 500, response.text
        assert response.headers["content-type"].startswith(PROBLEM_JSON)
        assert not any(part in response.text for s in secrets for part in fragments(s))
        failure_lines = [line for line in lines[before:] if "DatabaseMeltdown" in line]
        assert len(failure_lines) == 1, lines[before:]
    assert len(lines) > len(failing)
    assert all(line.count("\n") == 1 and line.endswith("\n") for line in lines)
    leaks = [(s, line) for line in lines for s in secrets for part in fragments(s) if part in line]
    assert leaks == []
    if settings.logging.json:
        assert all(isinstance(json.loads(line), dict) for line in lines)


def request_lines(lines: list[str]) -> list[dict[str, Any]]:
    parsed = [json.loads(line) for line in lines]
    return [line for line in parsed if "duration_ms" in line]


@pytest.mark.parametrize("settings", ["json"], indirect=True)
async def test_a_json_line_is_one_object_with_the_request_at_its_top_level_and_no_local_path(
    api: Api, outage: Outage, lines: list[str]
) -> None:
    await api.client.get("/events")
    await api.client.get("/no/such/page", headers={"X-Request-ID": "trace-42"})
    outage.now = True
    await api.client.get("/events")

    requests = request_lines(lines)
    assert [(r["method"], r["path"], r["status"]) for r in requests] == [
        ("GET", "/events", 200),
        ("GET", "/no/such/page", 404),
        ("GET", "/events", 500),
    ]
    assert requests[1]["request_id"] == "trace-42"
    assert all(isinstance(r["duration_ms"], float) and r["request_id"] for r in requests)
    error = next(json.loads(line) for line in lines if "DatabaseMeltdown" in line)
    assert error["error"]["type"].endswith("DatabaseMeltdown")
    assert error["request_id"] == requests[2]["request_id"]
    local_roots = {str(Path(entrypoints.__file__).parents[1]), str(Path(__file__).parents[2])}
    assert not [line for line in lines for root in local_roots if root in line]


@pytest.mark.parametrize("settings", ["text"], indirect=True)
async def test_control_characters_from_a_client_are_escaped_in_text_lines(
    api: Api, lines: list[str]
) -> None:
    forged = "/events%0d%0a2026-12-01 00:00:00.000 INFO    GET /admin 200%1b[2K"
    await api.client.get(forged, headers={"X-Request-ID": "id\x1b[31m"})

    assert all(line.count("\n") == 1 and "\r" not in line and "\x1b" not in line for line in lines)
    line = next(line for line in lines if "/events" in line)
    assert "/events\\r\\n2026-12-01 00:00:00.000 INFO    GET /admin 200\\x1b[2K 404" in line
    assert "id\\x1b" not in line  # an unsafe request id is replaced, not echoed
