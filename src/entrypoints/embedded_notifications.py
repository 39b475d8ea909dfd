"""The notification service inside the event service's process, on the embedded default.

With `memory://` as the broker nothing crosses processes, so `boxoffice serve` hosts both
services: the notification routes (with their own dependencies, so their tokens are read as
the notification service reads them) and its lifespan, over the event service's broker and
database engine. Elsewhere the notification service runs as `boxoffice serve notifications`.
"""

from collections.abc import Callable
from typing import Any

from litestar import Litestar, Router

from boxoffice.entrypoints.container import Container
from boxoffice.entrypoints.notifications.app import dependencies, lifespan
from boxoffice.entrypoints.notifications.container import build_notifications_container
from boxoffice.entrypoints.notifications.controllers import NotificationController
from boxoffice.entrypoints.notifications.socket import notifications_socket
from boxoffice.entrypoints.settings import Settings


def hosts_notifications(settings: Settings) -> bool:
    return settings.broker.in_process


def embedded_notifications(
    settings: Settings, container: Container
) -> tuple[Router, Callable[[Litestar], Any]]:
    notifications = build_notifications_container(settings)
    # One pool (SQLite keeps one writer), one broker, one token secret (made for the process
    # when none is configured).
    notifications.infrastructure.override(container.infrastructure)
    notifications.identity.override(container.identity)
    notifications.messaging.override(container.messaging)
    router = Router(
        path="/",
        route_handlers=[NotificationController, notifications_socket],
        dependencies=dependencies(notifications),
    )
    # The event service opens and closes them, its pool once its relay has stopped: closed
    # here, when the notification service stops first, the relay's batch in hand would lose
    # its connection.
    return router, lifespan(notifications, owns_resources=False)
