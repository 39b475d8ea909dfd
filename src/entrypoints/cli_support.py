"""What every CLI command shares: settings, logging, and a container around the work."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
from sqlalchemy.exc import DBAPIError

from application.errors import StorageUnavailable
from domain.errors import DomainError
from entrypoints.container import Container, build_container
from entrypoints.logs import configure_logging
from entrypoints.settings import Settings, SettingsError

T = TypeVar("T")


def run(work: Callable[[Container], Awaitable[T]]) -> T:
    """Run `work` with a container whose resources are opened and closed around it."""
    settings = load_settings()
    configure_logging(settings.log_level, settings.log_json)

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
    except StorageUnavailable as e:
        raise click.ClickException(f"database error: {e} (is it up?)") from e
    except DomainError as e:
        raise click.ClickException(str(e)) from e
    except (OSError, DBAPIError) as e:
        reason = e.orig if isinstance(e, DBAPIError) else e
        raise click.ClickException(f"database error: {reason} (is it up and migrated?)") from e


def load_settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as e:
        raise click.ClickException(str(e)) from e


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
    ).serve()
