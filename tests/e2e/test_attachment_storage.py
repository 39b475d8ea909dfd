"""Attachments on S3-compatible storage (a real server), the upload's size limit while the
body streams, and a storage that cannot be reached."""

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import httpx
import pytest

from boxoffice.entrypoints.settings import Settings
from tests.e2e.api import Api, Caller, assert_problem
from tests.images import png
from tests.s3_server import ACCESS_KEY, REGION, SECRET_KEY, make_bucket, s3_endpoint

__all__ = ["s3_endpoint"]  # the fixture, started once per run

LIMIT = 4096


@pytest.fixture
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, object]:
    """The storage of the test's module-level marker: s3, down, or the default directory."""
    marker = request.node.get_closest_marker("storage")
    kind = marker.args[0] if marker else "files"
    if kind == "s3":
        endpoint = request.getfixturevalue("s3_endpoint")
        return {
            "url": f"s3://{make_bucket(endpoint)}",
            "s3_endpoint_url": endpoint,
            "s3_access_key_id": ACCESS_KEY,
            "s3_secret_access_key": SECRET_KEY,
            "s3_region": REGION,
        }
    if kind == "down":
        blocked = tmp_path / "blocked"
        blocked.write_text("a file where the directory should be")
        return {"url": f"file://{blocked}"}
    return {}


@pytest.fixture
def settings(settings: Settings, storage: dict[str, object]) -> Settings:
    changed = dataclasses.replace(settings.storage, attachment_max_bytes=LIMIT, **storage)  # type: ignore[arg-type]
    return dataclasses.replace(settings, storage=changed)


def objects_in(settings: Settings) -> list[str]:
    client = boto3.client(
        "s3",
        endpoint_url=settings.storage.s3_endpoint_url,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    listed = client.list_objects_v2(Bucket=settings.storage.s3_bucket)
    return [item["Key"] for item in listed.get("Contents", [])]


async def upload(client: httpx.AsyncClient, caller: Caller, event_id: str) -> httpx.Response:
    files = {"file": ("poster.png", png(), "image/png")}
    return await client.post(f"/events/{event_id}/attachments", files=files, headers=caller.headers)


@pytest.mark.storage("s3")
async def test_on_s3_a_download_is_a_redirect_to_a_short_lived_url_with_the_name(
    client: httpx.AsyncClient, api: Api, admin: Caller, settings: Settings
) -> None:
    event = await api.event(admin)
    answer = await upload(client, admin, event["id"])
    assert answer.status_code == 201, answer.text
    assert objects_in(settings) == [
        f"sha256/{answer.json()['sha256'][:2]}/{answer.json()['sha256']}"
    ]

    download = await client.get(answer.json()["url"])

    assert download.status_code == 302
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"].startswith('attachment; filename="poster.png"')
    query = parse_qs(urlsplit(download.headers["location"]).query)
    assert query["response-content-type"] == ["image/png"]
    assert int(query["X-Amz-Expires"][0]) == settings.storage.s3_url_seconds
    async with httpx.AsyncClient() as outside:
        fetched = await outside.get(download.headers["location"])
    assert fetched.content == png()
    assert fetched.headers["content-disposition"].startswith("attachment;")

    deleted = await client.delete(f"/events/{event['id']}", headers=admin.headers)
    assert deleted.status_code == 204
    assert objects_in(settings) == []


@pytest.mark.storage("down")
async def test_a_storage_that_cannot_be_written_is_a_503_and_records_nothing(
    client: httpx.AsyncClient, api: Api, admin: Caller
) -> None:
    event = await api.event(admin)

    answer = await upload(client, admin, event["id"])

    body = assert_problem(answer, 503)
    assert body["type"] == "/problems/file-storage-unavailable"
    assert answer.headers["retry-after"]
    assert (await client.get(f"/events/{event['id']}/attachments")).json() == []


async def test_an_upload_past_the_limit_stops_while_the_body_streams(
    client: httpx.AsyncClient, api: Api, admin: Caller, settings: Settings
) -> None:
    event = await api.event(admin)
    boundary = "limit-test"
    sent = []

    async def body() -> AsyncIterator[bytes]:
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            'filename="big.png"\r\nContent-Type: image/png\r\n\r\n'
        ).encode()
        for _ in range(1000):  # 1 MB in all, sent without a Content-Length
            sent.append(1)
            yield b"\x89PNG\r\n\x1a\n" + b"\0" * 1016

    answer = await client.post(
        f"/events/{event['id']}/attachments",
        content=body(),
        headers={**admin.headers, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )

    body_problem = assert_problem(answer, 413)
    assert body_problem["type"] == "/problems/file-too-large"
    assert len(sent) < 10  # refused at the first chunk past the limit, not after reading it all
    assert (await client.get(f"/events/{event['id']}/attachments")).json() == []


async def test_an_upload_that_declares_a_body_past_the_limit_is_refused_unread(
    client: httpx.AsyncClient, api: Api, admin: Caller
) -> None:
    event = await api.event(admin)
    files = {"file": ("big.png", png() + b"\0" * 100_000, "image/png")}

    answer = await client.post(
        f"/events/{event['id']}/attachments", files=files, headers=admin.headers
    )

    assert_problem(answer, 413)


async def test_a_file_just_within_the_limit_is_taken_while_other_bodies_keep_their_own(
    client: httpx.AsyncClient, api: Api, admin: Caller
) -> None:
    event = await api.event(admin)
    content = png()
    content += b"\0" * (LIMIT - len(content))  # PNG readers ignore what follows IEND
    files = {"file": ("exact.png", content, "image/png")}

    answer = await client.post(
        f"/events/{event['id']}/attachments", files=files, headers=admin.headers
    )
    json_body = await client.post(
        "/events", content=b'{"title": "' + b"x" * 70_000 + b'"}', headers=admin.headers
    )

    assert answer.status_code == 201, answer.text
    assert answer.json()["size"] == LIMIT
    assert_problem(json_body, 413)  # the 64 KiB body limit stands everywhere else
