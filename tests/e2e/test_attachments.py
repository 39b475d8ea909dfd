"""Attachments over HTTP: uploads checked and stored, listed, downloaded, chosen, removed."""

import hashlib
from pathlib import Path
from typing import Any

import httpx
import pytest

from boxoffice.entrypoints.settings import Settings
from tests.e2e.api import Api, Caller, assert_problem
from tests.images import GPS_IFD, MAKE, PDF, exif_of, jpeg_with_gps, png, png_bomb


def stored_files(settings: Settings) -> list[Path]:
    root = Path(settings.storage.url.removeprefix("file://"))
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def upload(
    client: httpx.AsyncClient,
    caller: Caller,
    event_id: str,
    content: bytes,
    name: str = "poster.png",
    content_type: str = "image/png",
) -> httpx.Response:
    files = {"file": (name, content, content_type)}
    return await client.post(f"/events/{event_id}/attachments", files=files, headers=caller.headers)


async def test_an_upload_is_stored_listed_and_downloaded_with_its_name(
    client: httpx.AsyncClient, api: Api, admin: Caller, settings: Settings
) -> None:
    event = await api.event(admin)
    content = png()

    answer = await upload(client, admin, event["id"], content, name="Affiche d'été.png")

    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["name"] == "Affiche d'été.png"
    assert body["content_type"] == "image/png"
    assert body["size"] == len(content)
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert body["url"] == f"/events/{event['id']}/attachments/{body['id']}"
    listed = (await client.get(f"/events/{event['id']}/attachments")).json()
    assert [a["id"] for a in listed] == [body["id"]]
    download = await client.get(body["url"])
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["content-type"] == "image/png"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"].startswith("attachment; filename=")
    assert (
        "filename*=UTF-8''Affiche%20d%27%C3%A9t%C3%A9.png"
        in download.headers["content-disposition"]
    )
    assert (await api.get_event(event["id"]))["attachment_url"] == body["url"]
    assert len(stored_files(settings)) == 1


async def test_an_image_loses_its_gps_position_and_keeps_its_other_metadata(
    client: httpx.AsyncClient, api: Api, admin: Caller
) -> None:
    event = await api.event(admin)
    original = jpeg_with_gps()
    assert GPS_IFD in exif_of(original)

    answer = await upload(client, admin, event["id"], original, "map.jpg", "image/jpeg")

    assert answer.status_code == 201, answer.text
    stored = (await client.get(answer.json()["url"])).content
    assert GPS_IFD not in exif_of(stored)
    assert exif_of(stored)[MAKE] == "Camera Maker"
    assert answer.json()["sha256"] == hashlib.sha256(stored).hexdigest()


REFUSED: list[Any] = [
    pytest.param("poster.txt", b"hello", "text/plain", 415, id="a type not taken"),
    pytest.param("poster.pdf", png(), "image/png", 422, id="an extension of another type"),
    pytest.param("poster.png", PDF, "image/png", 422, id="content of another type"),
    pytest.param("poster.png", png(), "application/pdf", 422, id="a declared type that lies"),
    pytest.param("poster.png", png(), "", 415, id="no declared type"),
    pytest.param("poster.png", b"", "image/png", 422, id="an empty file"),
    pytest.param("../poster.png", png(), "image/png", 422, id="a path in the name"),
    pytest.param("a\\poster.png", png(), "image/png", 422, id="a windows path in the name"),
    pytest.param("bomb.png", png_bomb(), "image/png", 422, id="a decompression bomb"),
    pytest.param("broken.png", png()[:40], "image/png", 422, id="a truncated image"),
]


@pytest.mark.parametrize(("name", "content", "content_type", "status"), REFUSED)
async def test_bad_files_are_refused_and_nothing_is_stored(
    client: httpx.AsyncClient,
    api: Api,
    admin: Caller,
    settings: Settings,
    name: str,
    content: bytes,
    content_type: str,
    status: int,
) -> None:
    event = await api.event(admin)

    answer = await upload(client, admin, event["id"], content, name, content_type)

    assert_problem(answer, status)
    assert (await client.get(f"/events/{event['id']}/attachments")).json() == []
    assert stored_files(settings) == []
    assert (await api.get_event(event["id"]))["attachment_url"] is None


async def test_a_body_that_is_not_one_file_part_is_refused(
    client: httpx.AsyncClient, api: Api, admin: Caller
) -> None:
    event = await api.event(admin)
    path = f"/events/{event['id']}/attachments"

    as_json = await client.post(path, json={"file": "x"}, headers=admin.headers)
    wrong_field = await client.post(
        path, files={"poster": ("a.png", png(), "image/png")}, headers=admin.headers
    )
    two_files = await client.post(
        path,
        files=[("file", ("a.png", png(), "image/png")), ("file", ("b.png", png(), "image/png"))],
        headers=admin.headers,
    )
    garbage = await client.post(
        path,
        content=b"--xyz\r\nnonsense",
        headers={**admin.headers, "Content-Type": "multipart/form-data; boundary=xyz"},
    )

    assert_problem(as_json, 415)
    assert_problem(wrong_field, 400, "file")
    assert_problem(two_files, 400, "file")
    assert_problem(garbage, 400, "file")


async def test_only_the_owner_or_an_admin_uploads_or_removes(
    client: httpx.AsyncClient, api: Api, admin: Caller, customer: Caller, settings: Settings
) -> None:
    event = await api.event(admin)

    anonymous = await client.post(
        f"/events/{event['id']}/attachments", files={"file": ("a.png", png(), "image/png")}
    )
    stranger = await upload(client, customer, event["id"], png())
    mine = (await upload(client, admin, event["id"], png())).json()
    removal = await client.delete(mine["url"], headers=customer.headers)

    assert_problem(anonymous, 401)
    assert_problem(stranger, 403)
    assert_problem(removal, 403)
    assert len(stored_files(settings)) == 1


async def test_an_attachment_is_never_served_through_another_event(
    client: httpx.AsyncClient, api: Api, admin: Caller
) -> None:
    mine, other = await api.event(admin), await api.event(admin)
    attachment = (await upload(client, admin, mine["id"], png())).json()
    wrong_path = f"/events/{other['id']}/attachments/{attachment['id']}"

    assert_problem(await client.get(wrong_path), 404)
    assert_problem(await client.delete(wrong_path, headers=admin.headers), 404)
    patch = await client.patch(
        f"/events/{other['id']}", json={"attachment_id": attachment["id"]}, headers=admin.headers
    )
    assert_problem(patch, 422, "attachment_id")


async def test_the_chosen_attachment_is_the_events_attachment_url_and_removal_falls_back(
    client: httpx.AsyncClient, api: Api, admin: Caller
) -> None:
    event = await api.event(admin)
    first = (await upload(client, admin, event["id"], png(colour="red"))).json()
    second = await upload(client, admin, event["id"], PDF, "programme.pdf", "application/pdf")
    second_url = second.json()["url"]
    assert (await api.get_event(event["id"]))["attachment_url"] == first["url"]

    chosen = await client.patch(
        f"/events/{event['id']}", json={"attachment_id": second.json()["id"]}, headers=admin.headers
    )

    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["attachment_url"] == second_url
    assert (await client.delete(second_url, headers=admin.headers)).status_code == 204
    assert (await api.get_event(event["id"]))["attachment_url"] == first["url"]


async def test_a_file_shared_by_two_attachments_goes_with_the_last_of_them(
    client: httpx.AsyncClient, api: Api, admin: Caller, settings: Settings
) -> None:
    one, two = await api.event(admin), await api.event(admin)
    content = png()
    first = (await upload(client, admin, one["id"], content)).json()
    second = (await upload(client, admin, two["id"], content)).json()
    assert len(stored_files(settings)) == 1  # the same content, stored once

    await client.delete(first["url"], headers=admin.headers)
    assert (await client.get(second["url"])).content == content

    await client.delete(second["url"], headers=admin.headers)
    assert stored_files(settings) == []


async def test_deleting_an_event_removes_its_files(
    client: httpx.AsyncClient, api: Api, admin: Caller, settings: Settings
) -> None:
    event = await api.event(admin)
    await upload(client, admin, event["id"], png())
    await upload(client, admin, event["id"], PDF, "programme.pdf", "application/pdf")
    assert len(stored_files(settings)) == 2

    deleted = await client.delete(f"/events/{event['id']}", headers=admin.headers)

    assert deleted.status_code == 204
    assert stored_files(settings) == []
