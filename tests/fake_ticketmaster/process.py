"""A real fake Ticketmaster API process (`python -m tests.fake_ticketmaster`) for the tests,
serving the recorded fixtures plus generated events, and a client to queue its faults."""

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.ticketmaster_fixtures import fixtures_folder

ROOT = Path(__file__).resolve().parents[2]  # where `tests` is importable from
API_KEY = "test-key-0123456789abcdef0123456789"
GENERATED = 1500  # more than one window can page through (size * page < 1000)


@dataclass(frozen=True)
class FakeApi:
    root: str

    @property
    def base_url(self) -> str:
        return f"{self.root}/discovery/v2"

    def fault(self, *faults: dict[str, Any]) -> None:
        httpx.post(f"{self.root}/_fake/faults", json={"faults": list(faults)}).raise_for_status()

    def requests(self) -> list[dict[str, str]]:
        found: list[dict[str, str]] = httpx.get(f"{self.root}/_fake/requests").json()
        return found

    def reset(self) -> None:
        httpx.delete(f"{self.root}/_fake/requests").raise_for_status()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def fake_api_process() -> Iterator[FakeApi]:
    port = free_port()
    command = [sys.executable, "-m", "tests.fake_ticketmaster", "--port", str(port),
               "--api-key", API_KEY, "--events", str(GENERATED),
               "--fixtures", str(fixtures_folder())]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    api = FakeApi(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 90  # a loaded machine: importing and generating is slow
        while True:
            try:
                api.reset()
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the fake Ticketmaster API did not start") from None
                time.sleep(0.1)
        yield api
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
