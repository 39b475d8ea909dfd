"""The same spellings of the login path, sent byte for byte to a real server process (granian
decodes and routes them as the in-process tests assume): limited, or no handler at all."""

import json
import secrets
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.races.servers import Server, server_environment, start_server
from tests.e2e.test_rate_limit_spellings import ALLOWANCE, ROUTED_NOWHERE, ROUTED_TO_LOGIN, a_client

pytestmark = pytest.mark.slow
LIMITED = [401] * ALLOWANCE + [429]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("spellings")
    shutil.copy(sqlite_template, workdir / "boxoffice.db")
    env = server_environment(
        f"sqlite+aiosqlite:///{workdir / 'boxoffice.db'}", secrets.token_urlsafe(48)
    )
    env |= {
        "BOXOFFICE_LOGIN_RATE_LIMIT": str(ALLOWANCE),
        "BOXOFFICE_RATE_LIMIT_WINDOW_SECONDS": "3600",
        # Each case plays its own client through a "proxy" on loopback.
        "BOXOFFICE_TRUSTED_PROXIES": "127.0.0.1",
    }
    started = start_server(env, workdir, "spellings")
    yield started
    started.stop()


def post(server: Server, target: str, client: str) -> int:
    """`POST <target> HTTP/1.1` exactly as given; the status of the answer."""
    address = urlsplit(server.url)
    body = json.dumps({"login": "nobody", "password": "wrong"}).encode()
    head = (
        f"POST {target} HTTP/1.1\r\nHost: {address.netloc}\r\nX-Forwarded-For: {client}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(head.encode() + body)
        status_line = connection.makefile("rb").readline()
    return int(status_line.split()[1])


@pytest.mark.parametrize("target", ROUTED_TO_LOGIN)
def test_each_spelling_the_server_routes_to_login_is_limited(server: Server, target: str) -> None:
    client = a_client()

    assert [post(server, target, client) for _ in range(ALLOWANCE + 1)] == LIMITED


@pytest.mark.parametrize("target", ROUTED_NOWHERE)
def test_each_other_spelling_reaches_no_handler(server: Server, target: str) -> None:
    client = a_client()

    answers = {post(server, target, client) for _ in range(ALLOWANCE + 1)}

    assert answers <= {400, 404}, answers
