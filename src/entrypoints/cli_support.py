"""What every CLI command shares: settings, logging, and a container around the work."""

import asyncio
import errno
import socket
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
from loguru import logger
from sqlalchemy.exc import DBAPIError

from boxoffice.application.errors import StorageUnavailable
from boxoffice.domain.errors import DomainError
from boxoffice.entrypoints.container import Container, build_container
from boxoffice.entrypoints.logs import configure_logging_for, granian_log_config
from boxoffice.entrypoints.settings import Settings, SettingsError

T = TypeVar("T")
# Past the app's own bound on its shutdown (entrypoints.http.app), so that it normally wins.
WORKERS_KILL_TIMEOUT_S = 20


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
    except StorageUnavailable as e:
        raise click.ClickException(f"database error: {e} (is it up?)") from e
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
    """Serve the ASGI app factory `target` (module:function) with granian until stopped.

    A worker that dies is replaced while the others keep serving; SIGTERM lets each worker
    finish its requests and its lifespan's shutdown, killing one that takes longer than
    WORKERS_KILL_TIMEOUT_S.
    """
    from granian import Granian
    from granian.constants import Interfaces

    refuse_port_in_use(host, port)
    Granian(
        target,
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        workers=workers,
        factory=True,
        log_access=False,
        log_dictconfig=granian_log_config(),
        respawn_failed_workers=True,
        workers_kill_timeout=WORKERS_KILL_TIMEOUT_S,
    ).serve()


def refuse_port_in_use(host: str, port: int) -> None:
    """granian binds with SO_REUSEPORT, so a second server on a taken port would silently
    share its traffic; a bind without it fails while anything listens there."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # Connections of a server stopped a moment ago (TIME_WAIT) do not make the port taken.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise click.ClickException(f"port {port} on {host} is already in use") from e
            raise click.ClickException(f"cannot listen on {host}:{port}: {e.strerror}") from e
