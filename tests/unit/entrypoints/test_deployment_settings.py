"""The deployment files (no container engine runs the tests): no default credential, every
service restarted, and the image's server running as PID 1 so SIGTERM reaches it."""

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
REQUIRED = re.compile(r"^\$\{[A-Z0-9_]+:\?[^}]+\}$")  # ${NAME:?message}: no value, no start
SECRETS = ("BOXOFFICE_JWT_SECRET", "PASSWORD", "_PASS")
WAIT_S = 30.0


def environments() -> list[tuple[str, str, str]]:
    return [
        (service, name, str(value))
        for service, spec in COMPOSE["services"].items()
        for name, value in dict(spec.get("environment") or {}).items()
    ]


# Jobs that run once at start: retried until they succeed, not restarted after.
ONE_SHOT = {"minio-init": "on-failure"}


def test_every_compose_service_is_restarted_when_it_stops() -> None:
    policies = {name: spec.get("restart") for name, spec in COMPOSE["services"].items()}

    assert policies == dict.fromkeys(COMPOSE["services"], "unless-stopped") | ONE_SHOT


def test_minio_serves_the_apps_bucket_which_is_made_before_the_app_starts() -> None:
    services = COMPOSE["services"]
    environment = COMPOSE["x-boxoffice-environment"]
    bucket = environment["BOXOFFICE_STORAGE_URL"].removeprefix("s3://")

    assert environment["BOXOFFICE_S3_ENDPOINT_URL"] == "http://minio:9000"
    assert f"mc mb --ignore-existing local/{bucket}" in " ".join(
        services["minio-init"]["entrypoint"]
    )
    assert services["app"]["depends_on"]["minio-init"] == {
        "condition": "service_completed_successfully"
    }


def test_the_token_secret_has_no_default_and_compose_refuses_to_start_without_it() -> None:
    secrets = {value for _, name, value in environments() if name == "BOXOFFICE_JWT_SECRET"}

    assert len(secrets) == 1
    assert REQUIRED.match(secrets.pop())


@pytest.mark.parametrize(("service", "name", "value"), environments())
def test_no_compose_credential_has_a_written_down_value(
    service: str, name: str, value: str
) -> None:
    if any(word in name for word in SECRETS):
        assert REQUIRED.match(value), f"{service}: {name}"
    for password in re.findall(r"://[^:/@]+:([^@]+)@", value):  # a URL's user:password@
        assert REQUIRED.match(password), f"{service}: {name}"


def test_the_identity_providers_demo_users_take_their_password_from_the_environment() -> None:
    realm = json.loads((ROOT / "deploy/keycloak/boxoffice-realm.json").read_text())
    passwords = [c["value"] for user in realm["users"] for c in user.get("credentials", [])]

    assert passwords
    assert set(passwords) == {"${KEYCLOAK_DEMO_PASSWORD}"}


def test_the_image_leaves_env_files_out() -> None:
    ignored = (ROOT / ".dockerignore").read_text().split()

    assert {".env", ".env.*"} <= set(ignored)


def image_command() -> list[str]:
    line = next(
        line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("CMD")
    )
    command: list[str] = json.loads(line.removeprefix("CMD"))
    return command


def test_the_image_command_runs_the_server_as_the_containers_first_process(
    tmp_path: Path,
) -> None:
    """The image's CMD with a stand-in `boxoffice` that migrates instantly and then serves
    (sleeps): the process started is the server itself, and SIGTERM stops it."""
    stand_in = tmp_path / "boxoffice"
    stand_in.write_text('#!/bin/sh\n[ "$1" = db ] && exit 0\nexec sleep 120\n')
    stand_in.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    process = subprocess.Popen(image_command(), env=env)
    try:
        cmdline = Path(f"/proc/{process.pid}/cmdline")
        deadline = time.monotonic() + WAIT_S
        while not cmdline.read_bytes().startswith(b"sleep") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert cmdline.read_bytes().split(b"\0")[:2] == [b"sleep", b"120"]
        process.send_signal(signal.SIGTERM)
        assert process.wait(WAIT_S) == -signal.SIGTERM
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
