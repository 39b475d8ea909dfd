"""A real S3-compatible server for the tests: moto's server mode, in a process of its own on
a free port (never a mocked client), one per test run; each test gets a bucket of its own."""

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import boto3
import httpx
import pytest

from boxoffice.adapters.storage.s3_location import S3Location
from tests.fake_ticketmaster import free_port

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key-" + "s3" * 8
REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    port = free_port()
    environment = {**os.environ, "MOTO_PORT": str(port)}
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(endpoint, server)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_until_up(endpoint: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the S3 server stopped at start")
        try:
            httpx.get(endpoint + "/moto-api/", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("the S3 server did not start within 60 s")


def make_bucket(endpoint: str) -> str:
    bucket = f"test-{uuid.uuid4().hex[:20]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    client.create_bucket(Bucket=bucket)
    return bucket


def location(endpoint: str, bucket: str, **overrides: object) -> S3Location:
    values: dict[str, object] = {
        "bucket": bucket,
        "endpoint_url": endpoint,
        "region": REGION,
        "access_key_id": ACCESS_KEY,
        "secret_access_key": SECRET_KEY,
        "timeout_seconds": 3.0,
    }
    return S3Location(**(values | overrides))  # type: ignore[arg-type]
