"""A real `boxoffice serve` in JSON mode: granian's own lines and ours are the same JSON."""

import json
import secrets
import shutil
from pathlib import Path

import httpx
import pytest

from tests.e2e.races.servers import server_environment, start_server

pytestmark = pytest.mark.slow


def test_every_line_of_a_json_server_is_one_object_granians_included(
    tmp_path: Path, sqlite_template: Path
) -> None:
    shutil.copy(sqlite_template, tmp_path / "boxoffice.db")
    env = server_environment(
        f"sqlite+aiosqlite:///{tmp_path / 'boxoffice.db'}", secrets.token_urlsafe(48)
    )
    env |= {"BOXOFFICE_LOG_JSON": "true"}
    server = start_server(env, tmp_path, "json")
    try:
        httpx.get(f"{server.url}/events%0d%0aforged%1b[2K", timeout=10)
    finally:
        server.stop()

    printed = server.log.read_text().splitlines()
    lines = [json.loads(line) for line in printed if not line.startswith("boxoffice listening")]
    assert all(isinstance(line, dict) for line in lines)
    granian = [line["message"] for line in lines if line["logger"].startswith("_granian")]
    assert any(message.startswith("granian: Listening at") for message in granian)
    assert any(message.startswith("granian: Shutting down") for message in granian)
    forged = next(line for line in lines if line.get("status") == 404)
    assert forged["path"] == "/events\r\nforged\x1b[2K"
