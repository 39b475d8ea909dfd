"""What every CLI command shares: settings, logging, and a container around the work."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
from loguru import logger
from sqlalchemy.exc import DBAPIError

from domain.errors import DomainError
from entrypoints.container import Container, build_container
from entrypoints.logs import configure_logging_for, granian_log_config
from entrypoints.settings import Settings, SettingsError

T = TypeVar("T")


def run(work: Callable[[Container], Awaitable[T]], settings: Settings | None = None) -> T:
    """Run `work` with a container whose resources are opened and closed around it."""
    settings = settings or load_settings()

    async def main() -> T:
        container = build_container(settings)
        started = container.init_resources()
        if started is not None:
            await started
        try:
            return await work(container)
        finally:
            shutdown = container.shutdown_resources()
            if shutdown is not None:
                await shutdown

    try:
        return asyncio.run(main())
    except DomainError as e:
        raise click.ClickException(str(e)) from e
    except (OSError, DBAPIError) as e:
        reason = e.orig if isinstance(e, DBAPIError) else e
        raise click.ClickException(f"database error: {reason} (is it up and migrated?)") from e


def load_settings() -> Settings:
    """The settings, with logging configured and start-up warnings (unknown names) logged."""
    try:
        settings = Settings.from_env()
    except SettingsError as e:
        raise click.ClickException(str(e)) from e
    configure_logging_for(settings)
    for notice in settings.notices:
        logger.warning(notice)
    return settings


def serve_asgi(target: str, host: str, port: int, workers: int = 1) -> None:
    """Serve the ASGI app factory `target` (module:function) with granian until stopped."""
    from granian import Granian
    from granian.constants import Interfaces

    Granian(
        target,
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        workers=workers,
        factory=True,
        log_access=False,
        log_dictconfig=granian_log_config(),
    ).serve()
