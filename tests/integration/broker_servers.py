"""Private Redis and RabbitMQ servers that a test may stop and restart (never the shared ones)."""

import os
import random
import shutil
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import ON_CI


def require_program(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    if ON_CI:
        pytest.fail(f"{name} is required on CI to start a private server")
    pytest.skip(f"{name} is not installed")


def port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def wait_for_port(port: int, within: float) -> None:
    deadline = time.monotonic() + within
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing answered on port {port} in {within} s") from None
            time.sleep(0.05)


class PrivateRedis:
    """redis-server with an append-only file, so its stream outlives a crash."""

    def __init__(self, directory: Path) -> None:
        self._program = require_program("redis-server")
        self._directory = directory
        self.port = next(p for p in iter(lambda: random.randint(20_000, 40_000), 0) if port_free(p))
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        arguments = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        arguments += ["--appendonly", "yes", "--dir", str(self._directory)]
        with (self._directory / "redis.log").open("ab") as log:
            self._process = subprocess.Popen([self._program, *arguments], stdout=log, stderr=log)
        wait_for_port(self.port, 10)

    def kill(self) -> None:
        """A crash: SIGKILL, no chance to flush anything more."""
        if self._process is not None:
            self._process.kill()
            self._process.wait(10)
            self._process = None


class PrivateRabbitMq:
    """A RabbitMQ node of its own: own name, ports, data folder and Erlang cookie."""

    def __init__(self, directory: Path) -> None:
        require_program("rabbitmq-server")
        # PATH may hold a wrapper that switches to the rabbitmq user (Debian): the scripts
        # it runs sit beside its real file.
        found = os.environ.get("BOXOFFICE_TEST_RABBITMQ_SBIN") or str(
            Path(shutil.which("rabbitmq-server") or "").resolve().parent
        )
        self._scripts = Path(found)
        self.node = f"bx{uuid.uuid4().hex[:8]}@localhost"
        # The distribution port is the AMQP port + 20000: both must be free.
        self.port = next(
            p
            for p in iter(lambda: random.randint(20_000, 40_000), 0)
            if port_free(p) and port_free(p + 20_000)
        )
        self.url = f"amqp://guest:guest@127.0.0.1:{self.port}/"
        self._environment = self._prepare(directory)
        self._process: subprocess.Popen[bytes] | None = None
        self._log = directory / "server.log"

    def _prepare(self, directory: Path) -> dict[str, str]:
        home = directory / "home"
        home.mkdir()
        cookie = home / ".erlang.cookie"
        cookie.write_text(uuid.uuid4().hex)
        cookie.chmod(0o400)
        (directory / "plugins").write_text("[].\n")
        return {
            "PATH": os.environ["PATH"],
            "HOME": str(home),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_MNESIA_BASE": str(directory / "mnesia"),
            "RABBITMQ_LOG_BASE": str(directory / "log"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(directory / "plugins"),
            # none of these exist: the system-wide configuration must not apply
            "RABBITMQ_CONFIG_FILE": str(directory / "rabbitmq"),
            "RABBITMQ_ADVANCED_CONFIG_FILE": str(directory / "advanced.config"),
            "RABBITMQ_CONF_ENV_FILE": str(directory / "rabbitmq-env.conf"),
        }

    def start(self) -> None:
        """Starts the node; a start right after a stop may find the old node still leaving
        (its name still registered), so an early exit is tried again a few times."""
        for _ in range(3):
            with self._log.open("ab") as log:
                self._process = subprocess.Popen(
                    [str(self._scripts / "rabbitmq-server")],
                    env=self._environment,
                    stdout=log,
                    stderr=log,
                    start_new_session=True,
                )
            if self._wait_until_listening(90):
                self._ctl("await_startup")
                return
            time.sleep(2)
        tail = self._log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"RabbitMQ node {self.node} did not start:\n{tail}")

    def _wait_until_listening(self, within: float) -> bool:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                return False
            try:
                wait_for_port(self.port, 1)
                return True
            except TimeoutError:
                continue
        return False

    def stop(self) -> None:
        """A clean shutdown, as an operator's restart would do."""
        self._ctl("stop")
        if self._process is not None:
            self._process.wait(60)
            self._process = None

    def kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(10)
        self._process = None

    def _ctl(self, *command: str) -> None:
        subprocess.run(
            [str(self._scripts / "rabbitmqctl"), "-n", self.node, *command],
            env=self._environment,
            check=True,
            capture_output=True,
            timeout=90,
        )
