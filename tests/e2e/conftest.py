"""The whole app over HTTP, once per database backend, in the test's own event loop."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from dependency_injector import providers
from litestar import Litestar

from boxoffice.domain.users import Role
from boxoffice.entrypoints.container import build_container
from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.settings import (
    BrokerSettings,
    DatabaseSettings,
    EventSettings,
    IdentitySettings,
    RateLimitSettings,
    Settings,
    StorageSettings,
)
from tests.e2e.api import JWT_SECRET, Api, Caller, ShiftableClock, running
from tests.e2e.transport import asgi_transport


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Schemathesis builds its cases while it collects (many seconds): not when deselected."""
    deselected = "not schemathesis" in (config.option.markexpr or "")
    return True if collection_path.name == "test_schemathesis.py" and deselected else None


@pytest.fixture
def open_event_creation() -> bool:
    """Overridden by modules that test event owners (BOXOFFICE_OPEN_EVENT_CREATION=true)."""
    return False


@pytest.fixture
def settings(database_url: str, open_event_creation: bool, tmp_path: Path) -> Settings:
    return Settings(
        database=DatabaseSettings(url=database_url, pool_size=2),
        storage=StorageSettings(url=f"file://{tmp_path}/attachments"),
        identity=IdentitySettings(bcrypt_rounds=4, jwt_secret=JWT_SECRET),
        events=EventSettings(open_event_creation=open_event_creation),
        rate_limits=RateLimitSettings(
            login=10_000,  # tests/e2e/test_rate_limits.py tests the limit itself
            registrations=0,  # tests/e2e/test_registration_limits.py tests these
            registrations_per_event=0,
        ),
        # The relay runs when a commit wakes it; no background polls to skew statement counts.
        broker=BrokerSettings(outbox_poll_seconds=3600),
    )


@pytest.fixture
def clock() -> ShiftableClock:
    return ShiftableClock()


@pytest.fixture
async def app(settings: Settings, clock: ShiftableClock) -> AsyncIterator[Litestar]:
    container = build_container(settings)
    container.infrastructure.clock.override(providers.Object(clock))
    app = create_app(settings, container)
    async with running(app):
        yield app


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    transport = asgi_transport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
def api(client: httpx.AsyncClient, app: Litestar) -> Api:
    return Api(client, app)


@pytest.fixture
async def admin(api: Api) -> Caller:
    return await api.user(Role.ADMIN, "admin")


@pytest.fixture
async def customer(api: Api) -> Caller:
    return await api.user(Role.CUSTOMER, "priya")


@pytest.fixture
async def other_customer(api: Api) -> Caller:
    return await api.user(Role.CUSTOMER, "rahul")
