"""A database that does not answer, reached with a password in its URL: the driver's real
errors leave neither that password nor the caller's password or token in any log line."""

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from litestar import Litestar

from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.logs import configure_logging_for
from boxoffice.entrypoints.settings import (
    BrokerSettings,
    DatabaseSettings,
    IdentitySettings,
    LoggingSettings,
    Settings,
)
from tests.builders import a_user
from tests.e2e.api import JWT_SECRET, running
from tests.e2e.races.servers import free_port
from tests.e2e.transport import asgi_transport
from tests.log_capture import restored_logging

DB_PASSWORD = "Db-Password-31415926"
PASSWORD = "Caller-Password-27182818"


@pytest.fixture(params=["text", "json"])
def settings(request: pytest.FixtureRequest) -> Settings:
    url = f"postgresql+psycopg://boxoffice:{DB_PASSWORD}@127.0.0.1:{free_port()}/boxoffice"
    return Settings(
        database=DatabaseSettings(url=url),
        identity=IdentitySettings(jwt_secret=JWT_SECRET),
        logging=LoggingSettings(json=request.param == "json"),
        broker=BrokerSettings(outbox_poll_seconds=3600),
    )


@pytest.fixture
def lines(settings: Settings) -> Iterator[list[str]]:
    with restored_logging() as captured:
        configure_logging_for(settings, sink=captured.append)
        yield captured


@pytest.fixture
async def app(settings: Settings, lines: list[str]) -> AsyncIterator[Litestar]:
    app = create_app(settings)
    async with running(app):
        yield app


async def test_an_unreachable_database_logs_no_password_or_token_on_any_path(
    app: Litestar, lines: list[str]
) -> None:
    token = app.state.container.identity.tokens().issue(a_user()).token
    booking = {"event_id": "00000000-0000-0000-0000-000000000001", "quantity": 1}
    sign_up = {"email": "p@example.com", "username": "priya", "password": PASSWORD}
    transport = asgi_transport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        await client.post("/auth/login", json={"login": "priya", "password": PASSWORD})
        await client.post("/auth/register", json=sign_up)
        answer = await client.post(
            "/bookings", json=booking, headers={"Authorization": f"Bearer {token}"}
        )

    assert answer.status_code >= 500
    secrets = (DB_PASSWORD, PASSWORD, token)
    logged = "".join(lines)
    assert "OperationalError" in logged  # the driver's error was logged...
    assert [s for s in secrets for i in range(len(s) - 7) if s[i : i + 8] in logged] == []
    assert all(line.count("\n") == 1 for line in lines)  # ...in one line each
