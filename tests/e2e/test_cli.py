"""The admin command line, run in-process against a real database of each kind."""

import asyncio
from importlib.metadata import version
from pathlib import Path
from typing import Protocol

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Table, func, select

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.tables import bookings, events, registrations, users
from boxoffice.entrypoints.cli import main


class RunCli(Protocol):
    def __call__(self, *args: str, **env_overrides: str) -> Result: ...


@pytest.fixture
def run_cli(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> RunCli:
    """Invoke `boxoffice ...` with the test database in the environment, from an empty folder
    (so no .env file is read)."""
    monkeypatch.chdir(tmp_path)
    env = {"BOXOFFICE_DATABASE_URL": database_url, "BOXOFFICE_BCRYPT_ROUNDS": "4"}

    def invoke(*args: str, **env_overrides: str) -> Result:
        return CliRunner().invoke(main, list(args), env=env | env_overrides)

    return invoke


def count_rows(database_url: str, table: Table) -> int:
    async def count() -> int:
        engine = create_engine(database_url)
        try:
            async with engine.connect() as conn:
                return int(await conn.scalar(select(func.count()).select_from(table)) or 0)
        finally:
            await engine.dispose()

    return asyncio.run(count())


def test_help_lists_every_command(run_cli: RunCli) -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    for command in ("serve", "db", "users", "demo"):
        assert command in result.output


def test_version_names_the_installed_release(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output == f"boxoffice {version('boxoffice')}\n"


def test_db_upgrade_on_a_migrated_database_succeeds_and_says_nothing_was_applied(
    run_cli: RunCli,
) -> None:
    result = run_cli("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert result.output == "database is up to date; no migration applied\n"


def test_create_admin_makes_an_admin_who_can_be_found_by_username(
    run_cli: RunCli, database_url: str
) -> None:
    result = run_cli(
        "users", "create-admin", "--username", "root_admin", "--email", "root@example.com",
        "--password", "Adm1n!pass",
    )  # fmt: skip
    assert result.exit_code == 0, result.output

    async def role_of(name: str) -> str | None:
        engine = create_engine(database_url)
        try:
            async with engine.connect() as conn:
                return await conn.scalar(select(users.c.role).where(users.c.username == name))
        finally:
            await engine.dispose()

    assert asyncio.run(role_of("root_admin")) == "admin"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--username", "x", "--email", "a@example.com", "--password", "Adm1n!pass"], "username"),
        (["--username", "good_name", "--email", "nope", "--password", "Adm1n!pass"], "e-mail"),
        (["--username", "good_name", "--email", "a@example.com", "--password", "weak"], "password"),
    ],
)
def test_create_admin_refuses_bad_input_with_a_message_and_exit_code_1(
    run_cli: RunCli, database_url: str, args: list[str], message: str
) -> None:
    result = run_cli("users", "create-admin", *args)
    assert result.exit_code == 1
    assert message in result.output
    assert count_rows(database_url, users) == 0


def test_create_admin_twice_with_one_username_fails_the_second_time(
    run_cli: RunCli, database_url: str
) -> None:
    args = ("users", "create-admin", "--username", "boss", "--password", "Adm1n!pass")
    assert run_cli(*args, "--email", "boss@example.com").exit_code == 0
    second = run_cli(*args, "--email", "other@example.com")
    assert second.exit_code == 1
    assert "taken" in second.output
    assert count_rows(database_url, users) == 1


def test_demo_seed_loads_requirement_002_sample_data_once(
    run_cli: RunCli, database_url: str
) -> None:
    first = run_cli("demo", "seed")
    assert first.exit_code == 0, first.output
    counts = {t.name: count_rows(database_url, t) for t in (users, events, bookings, registrations)}
    assert counts["users"] == 3
    assert counts["events"] == 5
    assert counts["bookings"] >= 3
    assert counts["registrations"] >= 1

    second = run_cli("demo", "seed")
    assert second.exit_code == 0
    assert "already" in second.output
    again = {t.name: count_rows(database_url, t) for t in (users, events, bookings, registrations)}
    assert again == counts


def test_a_malformed_setting_is_named_and_exits_1(run_cli: RunCli) -> None:
    result = run_cli("db", "upgrade", BOXOFFICE_BCRYPT_ROUNDS="lots")
    assert result.exit_code == 1
    assert "BOXOFFICE_BCRYPT_ROUNDS" in result.output


def test_an_unreachable_database_is_a_clear_error_not_a_traceback(run_cli: RunCli) -> None:
    result = run_cli(
        "db", "upgrade",
        BOXOFFICE_DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "database error" in result.output
    assert "Traceback" not in result.output


def test_serve_keeps_its_options_and_offers_the_notification_service(run_cli: RunCli) -> None:
    serve = run_cli("serve", "--help")
    notifications = run_cli("serve", "notifications", "--help")

    assert serve.exit_code == 0
    for option in ("--host", "--port", "--workers", "--migrate", "--demo", "notifications"):
        assert option in serve.output
    assert notifications.exit_code == 0
    assert "8001" in notifications.output
    for option in ("--host", "--port", "--workers", "--migrate"):
        assert option in notifications.output
    assert "--demo" not in notifications.output


def test_serve_notifications_refuses_a_port_out_of_range(run_cli: RunCli) -> None:
    result = run_cli("serve", "notifications", "--port", "70000")

    assert result.exit_code == 2
    assert "70000" in result.output


def test_serve_notifications_refuses_to_start_without_the_shared_token_secret(
    run_cli: RunCli,
) -> None:
    result = run_cli("serve", "notifications")

    assert result.exit_code == 1
    assert "BOXOFFICE_JWT_SECRET" in result.output


def test_an_unknown_setting_name_is_warned_about_with_the_closest_one(run_cli: RunCli) -> None:
    result = run_cli("db", "upgrade", BOXOFFICE_PROT="9000")

    assert result.exit_code == 0, result.output
    assert "BOXOFFICE_PROT is not a setting and is ignored; did you mean BOXOFFICE_PORT?" in (
        result.output
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BOXOFFICE_LOG_LEVEL", "loud"),
        ("BOXOFFICE_DEFAULT_TIMEZONE", "Mars/Base"),
        ("BOXOFFICE_ACCESS_TOKEN_TTL_SECONDS", "-1"),
    ],
)
def test_a_setting_out_of_range_is_one_line_naming_it_not_a_traceback(
    run_cli: RunCli, name: str, value: str
) -> None:
    result = run_cli("db", "upgrade", **{name: value})

    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {name} ")
    assert len(result.output.strip().splitlines()) == 1
