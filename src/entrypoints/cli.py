"""`boxoffice`: the admin command line, a third door onto the same use cases."""

import os
import secrets
import sys
from typing import TYPE_CHECKING, Any

import click
from loguru import logger

from boxoffice.application.use_cases.create_user import CreateUserCommand
from boxoffice.application.use_cases.register_user import NewUser
from boxoffice.domain.users import Role
from boxoffice.entrypoints.cli_support import load_settings, run, serve_asgi
from boxoffice.entrypoints.cli_ticketmaster import ticketmaster
from boxoffice.entrypoints.cli_worker import worker
from boxoffice.entrypoints.container import Container
from boxoffice.entrypoints.settings import Settings

if TYPE_CHECKING:
    from boxoffice.adapters.sqlalchemy.migrations import AppliedMigration

SECRET = "BOXOFFICE_JWT_SECRET"  # noqa: S105 (the variable's name, not a secret)


async def migrate(container: Container) -> "list[AppliedMigration]":
    # Alembic and its templates, only in a process that migrates: each server process of a
    # start that does not would carry them for nothing.
    from boxoffice.adapters.sqlalchemy.migrations import upgrade

    return await upgrade(container.infrastructure.engine())


def share_token_secret(settings: Settings) -> None:
    """Every worker process signs and checks tokens with one secret: the configured one
    (environment or .env, read alike by each worker), or on SQLite one made for this start."""
    if settings.identity.jwt_secret is not None:
        return
    if not settings.database.is_sqlite:
        raise click.ClickException(
            f"set {SECRET}: with PostgreSQL every process and every restart must share it"
        )
    logger.warning(
        "{} is not set: made a random one for this start (SQLite, one host); "
        "tokens stop working when the server restarts",
        SECRET,
    )
    os.environ[SECRET] = secrets.token_urlsafe(32)  # granian's workers inherit the environment


async def seed(container: Container) -> Any:
    return await container.use_cases.seed_demo().execute()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="boxoffice", prog_name="boxoffice", message="%(prog)s %(version)s"
)
def main() -> None:
    """boxoffice: events, registrations and ticket bookings that never oversell.

    Configuration comes from BOXOFFICE_* environment variables (or a .env file);
    see the README. The default database is the SQLite file ./boxoffice.db.
    """


HOST_OPTION = click.option(
    "--host", default=None, help="Address to listen on (default BOXOFFICE_HOST or 127.0.0.1)."
)
MIGRATE_OPTION = click.option(
    "--migrate/--no-migrate",
    "do_migrate",
    default=None,
    help="Apply migrations first (default: yes on SQLite, no on PostgreSQL).",
)
WORKERS_OPTION = click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes (default BOXOFFICE_WORKERS or 1).",
)


@main.group(invoke_without_command=True)
@HOST_OPTION
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default 8000).")
@WORKERS_OPTION
@MIGRATE_OPTION
@click.option("--demo", is_flag=True, help="Load the demo data first (once; safe to repeat).")
@click.pass_context
def serve(
    ctx: click.Context,
    host: str | None,
    port: int | None,
    workers: int | None,
    do_migrate: bool | None,
    demo: bool,
) -> None:
    """Run the HTTP API (or, with `notifications`, the notification service)."""
    if ctx.invoked_subcommand is not None:
        return
    settings = load_settings()
    share_token_secret(settings)
    if do_migrate if do_migrate is not None else settings.database.is_sqlite:
        report_migrations(run(migrate, settings))
    if demo:
        report = run(seed, settings)
        click.echo("demo data loaded" if report.created else "demo data already present")
    host, port = host or settings.http.host, port or settings.http.port
    click.echo(f"boxoffice listening on http://{host}:{port} (API docs at /schema/swagger)")
    serve_asgi(
        "boxoffice.entrypoints.asgi:app_factory", host, port, workers or settings.http.workers
    )


@serve.command("notifications")
@HOST_OPTION
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default 8001).")
@WORKERS_OPTION
@MIGRATE_OPTION
def serve_notifications(
    host: str | None, port: int | None, workers: int | None, do_migrate: bool | None
) -> None:
    """Run the notification service: history over HTTP, live notifications over WebSocket."""
    settings = load_settings()
    if settings.identity.jwt_secret is None:
        raise click.ClickException(
            f"set {SECRET} to the event service's: the notification service checks its tokens"
        )
    if do_migrate if do_migrate is not None else settings.database.is_sqlite:
        report_migrations(run(migrate, settings))
    host, port = host or settings.http.host, port or settings.notifications.port
    click.echo(f"boxoffice notifications on http://{host}:{port} (WebSocket /ws/notifications)")
    target = "boxoffice.entrypoints.notifications.asgi:app_factory"
    serve_asgi(target, host, port, workers or settings.http.workers)


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every migration not yet applied, and say which."""
    report_migrations(run(migrate))


def report_migrations(applied: "list[AppliedMigration]") -> None:
    if not applied:
        click.echo("database is up to date; no migration applied")
        return
    click.echo(f"applied {len(applied)} migration{'s' if len(applied) > 1 else ''}:")
    for migration in applied:
        click.echo(f"  {migration.revision}  {migration.title}")
    click.echo("database is up to date")


@main.group()
def users() -> None:
    """User accounts."""


@users.command("create-admin")
@click.option("--username", required=True, help="3-50 letters, digits or underscores.")
@click.option("--email", required=True)
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="8+ characters with an upper-case letter, a digit and a special character.",
)
def create_admin(username: str, email: str, password: str) -> None:
    """Create an admin account."""

    async def work(container: Container) -> None:
        use_case = container.use_cases.create_user()
        new = NewUser(username, email, password, role=Role.ADMIN)
        await use_case.execute(CreateUserCommand(None, new))

    run(work)
    click.echo(f"admin {username} created")


@main.group()
def demo() -> None:
    """Demo data."""


@demo.command("seed")
def demo_seed() -> None:
    """Load requirement 002's sample data: 3 users, 5 events, bookings, registrations."""
    report = run(seed)
    if not report.created:
        click.echo("demo data already present; nothing changed")
        return
    click.echo(
        f"created {report.users} users, {report.events} events, {report.bookings} bookings "
        f"and {report.registrations} registrations (password for every demo user: see README)"
    )


main.add_command(ticketmaster)
main.add_command(worker)


if __name__ == "__main__":
    sys.exit(main())
