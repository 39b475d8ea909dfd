"""Real `boxoffice serve` processes on 127.0.0.1, started and stopped by the race tests."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

BOXOFFICE = str(Path(sys.executable).with_name("boxoffice"))
HOST = "127.0.0.1"
START_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 10.0


def server_environment(database_url: str, jwt_secret: str) -> dict[str, str]:
    """The caller's environment without its BOXOFFICE_* settings, plus the ones given here."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOXOFFICE_")}
    env |= {
        "BOXOFFICE_DATABASE_URL": database_url,
        # Every process signs and checks tokens with the same secret.
        "BOXOFFICE_JWT_SECRET": jwt_secret,
        "BOXOFFICE_BCRYPT_ROUNDS": "4",
        "BOXOFFICE_LOG_LEVEL": "INFO",
        "BOXOFFICE_LOGIN_RATE_LIMIT": "100000",
        # Every racer shares one address: the registration limits are tested on their own.
        "BOXOFFICE_REGISTRATION_RATE_LIMIT": "0",
        "BOXOFFICE_REGISTRATION_EVENT_RATE_LIMIT": "0",
    }
    return env


def run_cli(args: list[str], env: Mapping[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [BOXOFFICE, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0:
        raise RuntimeError(f"boxoffice {' '.join(args[:2])} failed: {done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM to the server's own process group (granian and its worker), then SIGKILL."""
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(STOP_TIMEOUT_S)


def start_server(
    env: Mapping[str, str],
    workdir: Path,
    name: str,
    service: str = "",
    options: Sequence[str] = (),
    program: str = BOXOFFICE,
) -> Server:
    """A server answering GET /health; retried on a new port if the chosen one was taken.
    `service` "notifications" starts the notification service instead of the event service;
    `options` go to `boxoffice serve` (e.g. "--workers", "2"); `program` is the `boxoffice`
    command to run (default: this environment's)."""
    command = [program, "serve", *([service] if service else []), *options]
    for attempt in range(3):
        port = free_port()
        log = workdir / f"{name}-{attempt}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [*command, "--host", HOST, "--port", str(port), "--no-migrate"],
                env=env,
                cwd=workdir,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(process, f"http://{HOST}:{port}", log)
        if _wait_until_healthy(server):
            return server
        server.stop()
    raise RuntimeError(f"boxoffice serve {service} did not start; last log:\n{server.log_tail()}")


def _wait_until_healthy(server: Server) -> bool:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            if httpx.get(f"{server.url}/health", timeout=1.0).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    return False
