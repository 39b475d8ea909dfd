"""Against a real `boxoffice serve` (granian): oversized and slow requests are answered as
problem+json by the app before granian's own limits, which answer with no body."""

import json
import secrets
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from boxoffice.entrypoints.edge.request_limits import MAX_HEADER_BYTES, MAX_HEADERS, MAX_URL_BYTES
from tests.e2e.races.servers import Server, server_environment, start_server

pytestmark = [pytest.mark.slow]
READ_SECONDS = 2
WAIT_S = 30.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("server-limits")
    shutil.copy(sqlite_template, workdir / "boxoffice.db")
    env = server_environment(
        f"sqlite+aiosqlite:///{workdir / 'boxoffice.db'}", secrets.token_urlsafe(48)
    )
    env["BOXOFFICE_BODY_READ_TIMEOUT_SECONDS"] = str(READ_SECONDS)
    started = start_server(env, workdir, "limits")
    try:
        yield started
    finally:
        started.stop()


class Answer:
    def __init__(self, raw: bytes) -> None:
        head, _, self.body = raw.partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        self.status = int(status_line.split()[1])
        self.headers = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines)}

    def problem(self) -> dict[str, Any]:
        assert self.headers.get("content-type", "").startswith("application/problem+json")
        body: dict[str, Any] = json.loads(self.body)
        assert body["status"] == self.status
        return body


def exchange(server: Server, head: bytes, body: bytes = b"") -> Answer:
    """Sends `head` (and `body`, if any) on a raw connection and reads the answer up to the
    server closing it (every answer here closes)."""
    url = urlsplit(server.url)
    with socket.create_connection((url.hostname, url.port), timeout=WAIT_S) as conn:
        conn.sendall(head + body)
        received = b""
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline and (chunk := conn.recv(65536)):
            received += chunk
    return Answer(received)


def request_head(target: str = "/events", method: str = "GET", *headers: str) -> bytes:
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", *headers, "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def test_a_declared_body_above_the_cap_is_413_before_a_byte_of_it_is_sent(
    server: Server,
) -> None:
    head = request_head(
        "/auth/login", "POST", "Content-Type: application/json", "Content-Length: 10000000"
    )

    answer = exchange(server, head)

    assert answer.status == 413
    assert "65536" in answer.problem()["detail"]


def test_a_body_that_stops_arriving_is_408_after_the_deadline(server: Server) -> None:
    head = request_head(
        "/auth/login", "POST", "Content-Type: application/json", "Content-Length: 100"
    )
    started = time.monotonic()

    answer = exchange(server, head, b'{"login": ')

    assert answer.status == 408
    assert answer.problem()["title"] == "Request Timeout"
    assert time.monotonic() - started >= READ_SECONDS


def test_a_url_above_the_apps_cap_is_414_as_a_problem(server: Server) -> None:
    answer = exchange(server, request_head("/events?q=" + "a" * MAX_URL_BYTES))

    assert answer.status == 414
    answer.problem()


@pytest.mark.parametrize(
    "headers",
    [
        [f"X-Big: {'a' * (MAX_HEADER_BYTES + 1)}"],
        [f"X-{n}: 1" for n in range(MAX_HEADERS + 1)],
    ],
    ids=["too many bytes", "too many fields"],
)
def test_a_header_block_above_the_apps_cap_is_431_as_a_problem(
    server: Server, headers: list[str]
) -> None:
    answer = exchange(server, request_head("/events", "GET", *headers))

    assert answer.status == 431
    answer.problem()


@pytest.mark.parametrize(
    ("head", "status"),
    [
        (request_head("/events?q=" + "a" * 70_000), 414),
        (request_head("/events", "GET", *(f"X-{n}: 1" for n in range(101))), 431),
        (b"HELLO\r\n\r\n", 400),
    ],
    ids=["URL above 64 KiB", "above 100 header fields", "not HTTP"],
)
def test_beyond_granians_own_limits_granian_answers_with_no_body(
    server: Server, head: bytes, status: int
) -> None:
    """Documented as a limit in the README: these never reach the app."""
    answer = exchange(server, head)

    assert answer.status == status
    assert answer.body == b""
