"""The Litestar application factory: HTTP onto the same use cases as the CLI."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme

from entrypoints.container import Container, build_container
from entrypoints.http.controllers.bookings import BookingController
from entrypoints.http.controllers.events import EventController
from entrypoints.http.controllers.health import health, ready
from entrypoints.http.controllers.registrations import RegistrationController
from entrypoints.http.controllers.users import AuthController, UserController
from entrypoints.http.dependencies import bridge, dependencies
from entrypoints.http.middleware import request_logging
from entrypoints.http.nul_guard import refuse_nul_characters
from entrypoints.http.problems import EXCEPTION_HANDLERS
from entrypoints.settings import Settings

API_DESCRIPTION = """Events, registrations and ticket bookings that never oversell.

Every list takes `page` and `size`; every answer with times takes `tz` (an IANA zone).
Errors are RFC 9457 `application/problem+json`."""


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="boxoffice",
        version="0.1.0",
        description=API_DESCRIPTION,
        path="/schema",
        render_plugins=[SwaggerRenderPlugin()],
        components=Components(
            security_schemes={
                "BearerToken": SecurityScheme(
                    type="http",
                    scheme="bearer",
                    bearer_format="JWT",
                    description="a token from POST /auth/login",
                )
            }
        ),
    )


def create_app(settings: Settings | None = None, container: Container | None = None) -> Litestar:
    settings = settings or Settings.from_env()
    container = container or build_container(settings)

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        started = container.init_resources()
        if started is not None:
            await started
        try:
            yield
        finally:
            shutdown = container.shutdown_resources()
            if shutdown is not None:
                await shutdown

    app = Litestar(
        route_handlers=[
            EventController,
            RegistrationController,
            BookingController,
            AuthController,
            UserController,
            health,
            ready,
        ],
        dependencies={**dependencies(container, settings), "engine": bridge(container.engine)},
        exception_handlers=EXCEPTION_HANDLERS,
        before_request=refuse_nul_characters,
        openapi_config=openapi_config(),
        lifespan=[lifespan],
        debug=False,
        logging_config=None,  # loguru, configured by the entrypoint, does the logging
    )
    # Outside Litestar's routing, so that unknown paths (404) and methods (405) are logged too.
    app.asgi_handler = request_logging(app.asgi_handler)
    app.state.container = container
    app.state.settings = settings
    return app
