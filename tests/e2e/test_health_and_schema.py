"""Operations: /health, /ready, the OpenAPI document, Swagger UI and ReDoc, request ids."""

import asyncio
import re
import threading
from pathlib import Path
from uuid import uuid4

import httpx
import pytest

from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.settings import DatabaseSettings, IdentitySettings, Settings
from tests.e2e.api import Api, assert_problem, running
from tests.e2e.transport import asgi_transport

ENDPOINTS = {
    # the notification service, hosted by the same process on the embedded default
    "/notifications": {"get"},
    "/notifications/read-all": {"post"},
    "/notifications/{notification_id}/read": {"post"},
    "/events": {"get", "post"},
    "/events/{event_id}": {"get", "put", "patch", "delete"},
    "/events/{event_id}/register": {"post"},
    "/events/{event_id}/attachments": {"get", "post"},
    "/events/{event_id}/attachments/{attachment_id}": {"get", "delete"},
    "/events/{event_id}/attendees": {"get"},
    "/events/{event_id}/bookings": {"get"},
    "/events/{event_id}/stats": {"get"},
    "/events/{event_id}/calendar.ics": {"get"},
    "/events/{event_id}/save": {"post", "delete"},
    "/bookings": {"post"},
    "/bookings/{booking_id}": {"get"},
    "/bookings/{booking_id}/cancel": {"post"},
    "/my/bookings": {"get"},
    "/my/events": {"get"},
    "/events/{event_id}/subscribe": {"post", "delete"},
    "/my/subscriptions": {"get"},
    "/users": {"get", "post"},
    "/users/{user_id}/bookings": {"get"},
    "/auth/register": {"post"},
    "/auth/login": {"post"},
    "/auth/me": {"get"},
    "/auth/providers": {"get"},
    "/health": {"get"},
    "/ready": {"get"},
}


async def test_health_says_the_process_is_alive(api: Api) -> None:
    response = await api.client.get("/health")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_ready_says_the_database_answers(api: Api) -> None:
    response = await api.client.get("/ready")

    assert (response.status_code, response.json()) == (200, {"status": "ready"})


def unreachable(database_url: str) -> str:
    if database_url.startswith("sqlite"):
        return "sqlite+aiosqlite:////nonexistent-directory/boxoffice.db"
    return "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"


def join_aiosqlite_threads() -> None:
    """aiosqlite stops the worker thread of a connection that failed to open without waiting
    for it; if this test's event loop closed first, the thread's last callback would fail."""
    for thread in threading.enumerate():
        if thread.name.endswith("(_connection_worker_thread)"):
            thread.join(2.0)


async def test_ready_is_503_when_the_database_does_not_answer(database_url: str) -> None:
    app = create_app(
        Settings(
            database=DatabaseSettings(url=unreachable(database_url)),
            identity=IdentitySettings(bcrypt_rounds=4),
        )
    )
    transport = asgi_transport(app)
    async with running(app), httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        ready = await client.get("/ready")
        health = await client.get("/health")
    await asyncio.to_thread(join_aiosqlite_threads)  # while this test's loop still runs

    assert "database does not answer" in assert_problem(ready, 503)["detail"]
    assert health.status_code == 200


async def test_the_openapi_document_lists_every_endpoint(api: Api) -> None:
    response = await api.client.get("/schema/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["title"] == "boxoffice"
    paths = {
        path: set(item) & {"get", "post", "put", "patch", "delete"}
        for path, item in schema["paths"].items()
    }
    assert paths == ENDPOINTS
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    assert schema["paths"]["/bookings"]["post"]["security"] == [{"BearerToken": []}]
    booking_parameters = {p["name"] for p in schema["paths"]["/bookings"]["post"]["parameters"]}
    assert {"Idempotency-Key", "tz"} <= booking_parameters
    list_parameters = {p["name"] for p in schema["paths"]["/events"]["get"]["parameters"]}
    assert {"page", "size", "q", "city", "from", "to", "status", "tag", "tz"} <= list_parameters


DOCS_PAGES = ("/schema/swagger", "/schema/redoc")


def referenced_urls(page: str) -> list[str]:
    return re.findall(r"""(?:src|href|spec-url|data-spec-url)=["']([^"']*)["']""", page)


async def test_swagger_ui_is_served(api: Api) -> None:
    response = await api.client.get("/schema/swagger")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert 'data-spec-url="/schema/openapi.json"' in response.text
    assert any(url.endswith("/swagger-ui-bundle.js") for url in referenced_urls(response.text))


@pytest.mark.parametrize("page", DOCS_PAGES)
async def test_the_docs_pages_load_only_our_own_assets_and_run_no_inline_script(
    api: Api, page: str
) -> None:
    response = await api.client.get(page)

    assert response.status_code == 200
    urls = referenced_urls(response.text)
    assert urls
    assert all(url.startswith("/schema/") for url in urls), urls
    assert "<style" not in response.text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", response.text, re.S)
    assert scripts
    assert all("src=" in attributes and not body.strip() for attributes, body in scripts)


@pytest.mark.parametrize("page", DOCS_PAGES)
async def test_every_asset_of_the_docs_pages_answers_with_its_type_and_may_be_cached(
    api: Api, page: str
) -> None:
    urls = referenced_urls((await api.client.get(page)).text)
    assets = {url: await api.client.get(url) for url in urls if "/assets/" in url}

    expected = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}
    assert len(assets) >= 3
    for url, answer in assets.items():
        assert answer.status_code == 200, url
        assert answer.headers["content-type"].startswith(expected[Path(url).suffix]), url
        assert "immutable" in answer.headers["cache-control"]
        assert len(answer.content) > 20


async def test_an_unknown_docs_asset_is_a_404_problem(api: Api) -> None:
    page = (await api.client.get("/schema/swagger")).text
    folder = next(url for url in referenced_urls(page) if "/assets/" in url).rsplit("/", 1)[0]

    assert_problem(await api.client.get(f"{folder}/index.html"), 404)
    assert_problem(await api.client.get(f"{folder}/..%2F..%2Fopenapi.json"), 404)


async def test_options_lists_every_method_of_the_path(api: Api) -> None:
    one_event = await api.client.options(f"/events/{uuid4()}")
    users = await api.client.options("/users")

    assert one_event.status_code == 204
    assert one_event.headers["allow"] == "DELETE, GET, OPTIONS, PATCH, PUT"
    assert users.headers["allow"] == "GET, OPTIONS, POST"


async def test_every_response_carries_a_request_id_and_echoes_a_safe_one(api: Api) -> None:
    generated = await api.client.get("/health")
    echoed = await api.client.get("/events", headers={"X-Request-ID": "trace-123.abc"})
    unsafe = await api.client.get("/health", headers={"X-Request-ID": "<script>"})
    failed = await api.client.get(f"/events/{uuid4()}", headers={"X-Request-ID": "trace-404"})

    assert len(generated.headers["x-request-id"]) == 32
    assert echoed.headers["x-request-id"] == "trace-123.abc"
    assert unsafe.headers["x-request-id"] not in {"", "<script>"}
    assert (failed.status_code, failed.headers["x-request-id"]) == (404, "trace-404")


async def test_unknown_paths_and_methods_carry_a_request_id_too(api: Api) -> None:
    missing = await api.client.get("/no/such/path", headers={"X-Request-ID": "trace-missing"})
    wrong_method = await api.client.request("TRACE", "/events")
    assert (missing.status_code, missing.headers["x-request-id"]) == (404, "trace-missing")
    assert wrong_method.status_code == 405
    assert len(wrong_method.headers["x-request-id"]) == 32


async def test_every_error_an_operation_documents_is_a_problem_document(api: Api) -> None:
    schema = (await api.client.get("/schema/openapi.json")).json()

    problem = schema["components"]["schemas"]["Problem"]
    assert set(problem["properties"]) >= {"type", "title", "status", "detail", "instance"}
    assert set(problem["properties"]) >= {"errors", "seats_available", "url"}
    item = problem["properties"]["errors"]["items"]
    assert set(item["properties"]) == {"field", "source", "message"}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            errors = {s: r for s, r in operation["responses"].items() if int(s) >= 400}
            assert "503" in errors or path == "/health", (method, path)
            for status, response in errors.items():
                media = response["content"]["application/problem+json"]["schema"]
                assert media == {"$ref": "#/components/schemas/Problem"}, (method, path, status)


async def test_the_document_names_the_statuses_each_kind_of_operation_answers(api: Api) -> None:
    paths = (await api.client.get("/schema/openapi.json")).json()["paths"]

    def statuses(method: str, path: str) -> set[str]:
        return set(paths[path][method]["responses"])

    assert statuses("post", "/bookings") >= {"201", "400", "401", "403", "404", "409"}
    assert statuses("post", "/bookings") >= {"413", "415", "422", "503"}
    assert statuses("get", "/events") >= {"200", "400", "401", "422", "503"}
    assert "403" not in statuses("get", "/events")
    assert statuses("delete", "/events/{event_id}") >= {"200", "204", "404", "409"}
    assert statuses("post", "/events/{event_id}/save") >= {"200", "201"}
    assert statuses("post", "/auth/login") >= {"200", "401", "429"}
    assert statuses("get", "/health") == {"200"}


async def test_the_document_states_what_parameters_and_bodies_accept(api: Api) -> None:
    schema = (await api.client.get("/schema/openapi.json")).json()

    parameters = {p["name"]: p for p in schema["paths"]["/events"]["get"]["parameters"]}
    zones = schema["components"]["schemas"]["TimeZone"]["enum"]
    assert {"Asia/Kolkata", "UTC", "America/New_York"} <= set(zones)
    assert {"$ref": "#/components/schemas/TimeZone"} in parameters["tz"]["schema"]["oneOf"]
    assert parameters["size"]["schema"]["maximum"] == 100
    read = schema["paths"]["/notifications/{notification_id}/read"]["post"]["parameters"]
    # An integer, exactly: not a float whose rounded digits name a larger integer than allowed
    assert isinstance(read[0]["schema"]["maximum"], int)
    event_in = schema["components"]["schemas"]["EventIn"]
    assert event_in["additionalProperties"] is False
    assert event_in["properties"]["tags"]["items"]["minLength"] == 1
    assert event_in["properties"]["price"]["pattern"] == "^-?[0-9]+(\\.[0-9]+)?$"
