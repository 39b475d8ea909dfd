"""The Litestar application factory: HTTP onto the same use cases as the CLI."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar
from litestar.middleware import DefineMiddleware

from boxoffice.entrypoints.background import stop
from boxoffice.entrypoints.container import Container, build_container
from boxoffice.entrypoints.edge.cors import cors_config
from boxoffice.entrypoints.edge.layers import guard_the_edge
from boxoffice.entrypoints.edge.problems import EXCEPTION_HANDLERS
from boxoffice.entrypoints.edge.request_guards import guard_request
from boxoffice.entrypoints.edge.strict_json import StrictJsonRequest
from boxoffice.entrypoints.embedded_notifications import embedded_notifications, hosts_notifications
from boxoffice.entrypoints.http.answers import AnswerCache, ForgetOnWrite, watch_for_writes
from boxoffice.entrypoints.http.controllers.attachments import AttachmentController
from boxoffice.entrypoints.http.controllers.bookings import BookingController
from boxoffice.entrypoints.http.controllers.calendar import CalendarController
from boxoffice.entrypoints.http.controllers.events import EventController
from boxoffice.entrypoints.http.controllers.health import health, ready
from boxoffice.entrypoints.http.controllers.oidc import OidcController
from boxoffice.entrypoints.http.controllers.providers import providers
from boxoffice.entrypoints.http.controllers.registrations import RegistrationController
from boxoffice.entrypoints.http.controllers.saved_events import SavedEventController
from boxoffice.entrypoints.http.controllers.subscriptions import SubscriptionController
from boxoffice.entrypoints.http.controllers.users import (
    AuthController,
    PasswordController,
    UserController,
)
from boxoffice.entrypoints.http.dependencies import dependencies
from boxoffice.entrypoints.http.openapi import document_truthfully, openapi_config
from boxoffice.entrypoints.http.rate_limit import rate_limiting
from boxoffice.entrypoints.http.shared_answers import shared_answers
from boxoffice.entrypoints.http.uploads import upload_bounds
from boxoffice.entrypoints.http.web_ui import web_ui_router
from boxoffice.entrypoints.scheduler import embedded_scheduler
from boxoffice.entrypoints.settings import Settings


def route_handlers(settings: Settings) -> list[Any]:
    handlers: list[Any] = [
        EventController,
        AttachmentController,
        RegistrationController,
        SavedEventController,
        SubscriptionController,
        BookingController,
        CalendarController,
        AuthController,
        UserController,
        health,
        ready,
        providers,
        web_ui_router(settings),
    ]
    if settings.identity.local_accounts:
        handlers.append(PasswordController)
    if settings.identity.oidc_sign_in_enabled:
        handlers.append(OidcController)
    return handlers


def create_app(settings: Settings | None = None, container: Container | None = None) -> Litestar:
    settings = settings or Settings.from_env()
    container = container or build_container(settings)
    answers = AnswerCache(
        settings.http.read_cache_seconds, hold=settings.http.read_cache_hold_seconds
    )

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        started = container.init_resources()
        if started is not None:
            await started
        relay = asyncio.create_task(container.messaging.outbox_relay().run(), name="outbox relay")
        changes = container.infrastructure.store_changes() if answers.holds else None
        watch = None
        if changes is not None:
            watch = asyncio.create_task(watch_for_writes(changes, answers), name="write watch")
        try:
            async with embedded_scheduler(container, settings):
                yield
        finally:
            if watch is not None:
                await stop(watch)
            await stop(relay)
            shutdown = container.shutdown_resources()
            if shutdown is not None:
                await shutdown

    handlers = route_handlers(settings)
    lifespans: list[Callable[[Litestar], Any]] = [lifespan]
    if hosts_notifications(settings):
        # Entered after the event service's (whose relay waits for a commit or its first poll,
        # by when the consumer listens) and so left before it: the consumer stops before the
        # shared database pool is closed.
        router, notifications_lifespan = embedded_notifications(settings, container)
        handlers, lifespans = [*handlers, router], [*lifespans, notifications_lifespan]
    provided = dependencies(container, settings, answers)
    app = Litestar(
        route_handlers=handlers,
        dependencies=provided,
        exception_handlers=EXCEPTION_HANDLERS,
        before_request=guard_request,
        request_class=StrictJsonRequest,
        request_max_body_size=settings.http.max_body_bytes,
        middleware=[
            DefineMiddleware(ForgetOnWrite, cache=answers),
            rate_limiting(container.infrastructure.rate_limiter, settings),
        ],
        cors_config=cors_config(settings),
        openapi_config=openapi_config(settings),
        lifespan=lifespans,
        debug=False,
        logging_config=None,  # loguru, configured by the entrypoint, does the logging
    )
    guard_the_edge(app, settings, upload_bounds(settings), shared_answers(answers, settings))
    document_truthfully(app, settings)
    app.state.container = container
    app.state.settings = settings
    return app
