"""The token secret reaches every real process: `serve --workers 2` signs with the configured
secret (from .env or the environment), its tokens survive a restart, and `serve notifications`
accepts them. Without a secret, only the embedded default (SQLite) starts, with one secret
shared by its workers."""

import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import jwt
import pytest

from tests.e2e.races.servers import BOXOFFICE, Server, server_environment, start_server

pytestmark = pytest.mark.slow
PASSWORD = "Secret#123"
REQUESTS = 12  # new connections each, so both workers answer some (2 ** -11 odds otherwise)


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


def sign_up_and_log_in(server: Server, username: str) -> str:
    body = {"username": username, "email": f"{username}@example.org", "password": PASSWORD}
    assert httpx.post(f"{server.url}/auth/register", json=body).status_code == 201
    answer = httpx.post(f"{server.url}/auth/login", json={"login": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["access_token"]
    return token


def statuses(url: str, token: str) -> set[int]:
    headers = {"Authorization": f"Bearer {token}"}
    return {httpx.get(url, headers=headers).status_code for _ in range(REQUESTS)}


@pytest.mark.postgres
@pytest.mark.parametrize("source", ["env-file", "environment"])
def test_tokens_signed_with_the_configured_secret_survive_a_restart_and_reach_notifications(
    postgres_url: str, tmp_path: Path, servers: list[Server], source: str
) -> None:
    secret = secrets.token_urlsafe(48)
    env = server_environment(postgres_url, secret) | {"BOXOFFICE_WORKERS": "2"}
    if source == "env-file":
        del env["BOXOFFICE_JWT_SECRET"]
        (tmp_path / ".env").write_text(f"BOXOFFICE_JWT_SECRET={secret}  # every process's\n")

    servers.append(start_server(env, tmp_path, "api"))
    token = sign_up_and_log_in(servers[0], "keeps_token")
    jwt.decode(token, secret, algorithms=["HS256"], options={"verify_aud": False})
    servers.pop().stop()
    servers.append(start_server(env, tmp_path, "api-restarted"))
    servers.append(start_server(env, tmp_path, "notifications", service="notifications"))

    assert statuses(f"{servers[0].url}/auth/me", token) == {200}
    assert statuses(f"{servers[1].url}/notifications", token) == {200}


def test_without_a_secret_the_embedded_default_shares_one_among_its_workers(
    sqlite_template: Path, tmp_path: Path, servers: list[Server]
) -> None:
    database = tmp_path / "boxoffice.db"
    database.write_bytes(sqlite_template.read_bytes())
    env = server_environment(f"sqlite+aiosqlite:///{database}", "") | {"BOXOFFICE_WORKERS": "2"}
    del env["BOXOFFICE_JWT_SECRET"]

    servers.append(start_server(env, tmp_path, "embedded"))
    token = sign_up_and_log_in(servers[0], "embedded_user")

    assert statuses(f"{servers[0].url}/auth/me", token) == {200}
    assert "BOXOFFICE_JWT_SECRET is not set" in servers[0].log.read_text()


@pytest.mark.postgres
@pytest.mark.parametrize("service", [[], ["notifications"]])
def test_without_a_secret_a_postgres_server_refuses_to_start_naming_it(
    postgres_url: str, tmp_path: Path, service: list[str]
) -> None:
    env = server_environment(postgres_url, "")
    del env["BOXOFFICE_JWT_SECRET"]

    done = subprocess.run(
        [BOXOFFICE, "serve", *service, "--no-migrate"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert done.returncode == 1
    assert "set BOXOFFICE_JWT_SECRET" in done.stderr
