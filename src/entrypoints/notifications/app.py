"""The notification service: a Litestar app of its own, fed by the broker.

At start-up it starts the fan-out (this process's hub hears every stored notification) and
then the consumer (the broker's messages become stored notifications); at shutdown it stops
both and closes the sockets it holds with 1001.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar, get
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme

from boxoffice.entrypoints.container import use_case_providers
from boxoffice.entrypoints.edge.cors import cors_config
from boxoffice.entrypoints.edge.dependencies import bridge, principal_provider
from boxoffice.entrypoints.edge.layers import guard_the_edge
from boxoffice.entrypoints.edge.problems import EXCEPTION_HANDLERS
from boxoffice.entrypoints.edge.request_guards import guard_request
from boxoffice.entrypoints.edge.strict_json import StrictJsonRequest
from boxoffice.entrypoints.notifications.consumer import consuming
from boxoffice.entrypoints.notifications.container import (
    NotificationsContainer,
    build_notifications_container,
)
from boxoffice.entrypoints.notifications.controllers import NotificationController
from boxoffice.entrypoints.notifications.going_away import sockets_closed_before_shutdown
from boxoffice.entrypoints.notifications.hub import safely
from boxoffice.entrypoints.notifications.socket import notifications_socket
from boxoffice.entrypoints.settings import Settings


@get("/health", tags=["health"], summary="The process is alive")
async def health() -> dict[str, str]:
    return {"status": "ok"}


def openapi() -> OpenAPIConfig:
    bearer = SecurityScheme(
        type="http",
        scheme="bearer",
        bearer_format="JWT",
        description="an access token of the event service (POST /auth/login there)",
    )
    return OpenAPIConfig(
        title="boxoffice notifications",
        version="1.0.0",
        description="History of event notifications; live ones over GET /ws/notifications.",
        components=Components(security_schemes={"BearerToken": bearer}),
        render_plugins=[SwaggerRenderPlugin()],
    )


def dependencies(container: NotificationsContainer) -> dict[str, Provide]:
    # Every use case, and the sockets' own: this process's hub, its timings, the token checker
    provided = {name: bridge(provider) for name, provider in use_case_providers(container).items()}
    provided["hub"] = bridge(container.hub)
    provided["socket_policy"] = bridge(container.socket_policy)
    provided["tokens"] = bridge(container.identity.tokens)
    provided["principal"] = principal_provider(container.identity.tokens)
    return provided


def lifespan(
    container: NotificationsContainer, owns_resources: bool = True
) -> Callable[[Litestar], Any]:
    """Without `owns_resources` the engine and the broker are another lifespan's to open and
    close (the event service's, in whose process this one is embedded)."""

    @asynccontextmanager
    async def running(_: Litestar) -> AsyncIterator[None]:
        if owns_resources:
            await _resources(container.init_resources())
        hub, fanout = container.hub(), container.fanout()
        await fanout.start(safely(hub.dispatch))
        try:
            with sockets_closed_before_shutdown(hub):
                async with consuming(container.messaging.broker(), container.record_notification):
                    yield
        finally:
            hub.close_all()
            await fanout.aclose()
            if owns_resources:
                await _resources(container.shutdown_resources())

    return running


async def _resources(started_or_stopped: Awaitable[None] | None) -> None:
    if started_or_stopped is not None:
        await started_or_stopped


def create_notifications_app(
    settings: Settings | None = None, container: NotificationsContainer | None = None
) -> Litestar:
    settings = settings or Settings.from_env()
    container = container or build_notifications_container(settings)
    app = Litestar(
        route_handlers=[NotificationController, notifications_socket, health],
        dependencies=dependencies(container),
        exception_handlers=EXCEPTION_HANDLERS,
        before_request=guard_request,
        request_class=StrictJsonRequest,
        request_max_body_size=settings.http.max_body_bytes,
        openapi_config=openapi(),
        cors_config=cors_config(settings),
        lifespan=[lifespan(container)],
        debug=False,
        logging_config=None,
    )
    guard_the_edge(app, settings)
    app.state.container = container
    app.state.settings = settings
    return app
