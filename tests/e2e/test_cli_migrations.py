"""`boxoffice db upgrade` as real processes: it says what it applied, and several started at
once on one empty PostgreSQL database (containers starting together) all succeed."""

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.conftest import POSTGRES_URL, require_postgres
from tests.e2e.races.servers import BOXOFFICE, server_environment

VERSIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"
MIGRATIONS = sorted(p.name[:4] for p in VERSIONS.glob("0*.py"))
CONCURRENT_UPGRADES = 3
TIMEOUT_S = 120
# `boxoffice db upgrade`, imported first, then run when the test says go: process start-up on a
# loaded machine takes seconds, enough for one upgrade to finish before the next one begins.
AT_THE_SIGNAL = """
import sys, time
from pathlib import Path
from boxoffice.entrypoints.cli import main
ready, go = Path(sys.argv[1]), Path(sys.argv[2])
ready.touch()
while not go.exists():
    time.sleep(0.005)
main(["db", "upgrade"])
"""


def upgrades_at_once(database_url: str, cwd: Path, count: int) -> list[subprocess.Popen[str]]:
    env = server_environment(database_url, jwt_secret="")
    go = cwd / "go"
    command = [sys.executable, "-c", AT_THE_SIGNAL]
    processes = [
        subprocess.Popen(
            [*command, str(cwd / f"ready-{n}"), str(go)],
            env=env,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(count)
    ]
    deadline = time.monotonic() + TIMEOUT_S
    while len(list(cwd.glob("ready-*"))) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    go.touch()
    return processes


@pytest.fixture
def empty_postgres() -> Iterator[str]:
    """A database of its own, created empty for the test and dropped after it."""
    require_postgres()
    server, _, name = POSTGRES_URL.rpartition("/")
    name = f"{name}_mig"
    admin = server.replace("postgresql+psycopg://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.slow
def test_concurrent_upgrades_of_an_empty_postgres_database_all_succeed_and_apply_once(
    empty_postgres: str, tmp_path: Path
) -> None:
    processes = upgrades_at_once(empty_postgres, tmp_path, CONCURRENT_UPGRADES)
    outcomes = [(p.wait(TIMEOUT_S), *p.communicate()) for p in processes]

    assert [code for code, _, _ in outcomes] == [0] * CONCURRENT_UPGRADES, outcomes
    outputs = sorted(out for _, out, _ in outcomes)
    assert sum(f"applied {len(MIGRATIONS)} migrations" in out for out in outputs) == 1, outputs
    assert sum("no migration applied" in out for out in outputs) == CONCURRENT_UPGRADES - 1
    with psycopg.connect(empty_postgres.replace("+psycopg", "", 1)) as conn:
        versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert [v[0][:4] for v in versions] == [MIGRATIONS[-1]]


def test_upgrade_of_an_empty_database_lists_every_migration_then_says_up_to_date(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"

    first = subprocess.run(
        [BOXOFFICE, "db", "upgrade"], env=server_environment(url, jwt_secret=""),
        cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT_S,
    )  # fmt: skip
    second = subprocess.run(
        [BOXOFFICE, "db", "upgrade"], env=server_environment(url, jwt_secret=""),
        cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT_S,
    )  # fmt: skip

    assert first.returncode == 0, first.stderr
    assert f"applied {len(MIGRATIONS)} migrations:" in first.stdout
    listed = [line.split()[0] for line in first.stdout.splitlines() if line.startswith("  ")]
    assert [revision[:4] for revision in listed] == MIGRATIONS
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "database is up to date; no migration applied"
