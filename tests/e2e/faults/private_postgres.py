"""A PostgreSQL cluster of the test's own, that it may stop and restart (never the shared one)."""

import random
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ON_CI
from tests.integration.broker_servers import port_free, wait_for_port

BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=Path("/nonexistent"))
START_TIMEOUT_S = 60


def _as_postgres(*command: str) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *command]


class PrivatePostgres:
    def __init__(self) -> None:
        if not (BIN / "initdb").is_file() or shutil.which("runuser") is None:
            if ON_CI:
                pytest.fail("initdb and runuser are required on CI for a private PostgreSQL")
            pytest.skip("no PostgreSQL server programs to start a private cluster")
        # Not under pytest's tmp_path: the postgres user must be able to reach the folder.
        self.directory = Path(tempfile.mkdtemp(prefix="boxoffice-pg-"))
        shutil.chown(self.directory, "postgres", "postgres")
        self.port = _free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        self._ctl("initdb", "--auth=trust", "--username=postgres", "-D", str(self.directory))

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg_ctl("start", "-w", "-o", options, "-l", str(self.directory / "server.log"))
        wait_for_port(self.port, START_TIMEOUT_S)

    def stop(self) -> None:
        """A fast shutdown: open connections are cut, as a restart or failover does."""
        self._pg_ctl("stop", "-m", "fast", "-w")

    def remove(self) -> None:
        subprocess.run(
            _as_postgres(str(BIN / "pg_ctl"), "-D", str(self.directory), "stop", "-m", "immediate"),
            capture_output=True,
            check=False,
            timeout=START_TIMEOUT_S,
        )
        shutil.rmtree(self.directory, ignore_errors=True)

    def _pg_ctl(self, *arguments: str) -> None:
        self._ctl("pg_ctl", "-D", str(self.directory), *arguments)

    def _ctl(self, program: str, *arguments: str) -> None:
        subprocess.run(
            _as_postgres(str(BIN / program), *arguments),
            capture_output=True,
            check=True,
            timeout=START_TIMEOUT_S,
        )


def _free_port() -> int:
    return next(p for p in iter(lambda: random.randint(40_001, 50_000), 0) if port_free(p))


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    server = PrivatePostgres()
    try:
        server.start()
        yield server
    finally:
        server.remove()
