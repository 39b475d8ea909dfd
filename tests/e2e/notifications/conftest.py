from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from boxoffice.entrypoints.notifications.app import create_notifications_app
from boxoffice.entrypoints.notifications.container import build_notifications_container
from boxoffice.entrypoints.settings import (
    DatabaseSettings,
    IdentitySettings,
    NotificationSettings,
    Settings,
)
from tests.e2e.notifications.service import JWT_SECRET, Service


@pytest.fixture
def heartbeat_seconds() -> float:
    """Overridden by the heartbeat tests."""
    return 30.0


@pytest.fixture
def heartbeat_timeout_seconds(heartbeat_seconds: float) -> float:
    """How long the service waits for a pong; overridden by the heartbeat tests."""
    return heartbeat_seconds


@pytest.fixture
def notification_settings(
    database_url: str, heartbeat_seconds: float, heartbeat_timeout_seconds: float
) -> Settings:
    return Settings(
        database=DatabaseSettings(url=database_url, pool_size=4),
        identity=IdentitySettings(jwt_secret=JWT_SECRET),
        notifications=NotificationSettings(
            heartbeat_seconds=heartbeat_seconds,
            heartbeat_timeout_seconds=heartbeat_timeout_seconds,
            # Time for a test client's first message however loaded the machine is; only the
            # test of a client that never sends one waits it out.
            auth_timeout_seconds=3.0,
        ),
    )


@pytest.fixture
def service(notification_settings: Settings) -> Iterator[Service]:
    container = build_notifications_container(notification_settings)
    app = create_notifications_app(notification_settings, container)
    with TestClient(app, timeout=10) as client:
        yield Service(client, container)
