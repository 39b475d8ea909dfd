"""Operations: /health, /ready, the OpenAPI document and Swagger UI, request ids."""

import asyncio
import threading
from uuid import uuid4

import httpx

from entrypoints.http.app import create_app
from entrypoints.settings import Settings
from tests.e2e.api import Api, assert_problem, running

ENDPOINTS = {
    # the notification service, hosted by the same process on the embedded default
    "/notifications": {"get"},
    "/notifications/read-all": {"post"},
    "/notifications/{notification_id}/read": {"post"},
    "/events": {"get", "post"},
    "/events/{event_id}": {"get", "put", "patch", "delete"},
    "/events/{event_id}/register": {"post"},
    "/events/{event_id}/attendees": {"get"},
    "/events/{event_id}/bookings": {"get"},
    "/events/{event_id}/stats": {"get"},
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
    app = create_app(Settings(database_url=unreachable(database_url), bcrypt_rounds=4))
    transport = httpx.ASGITransport(app=app)
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


async def test_swagger_ui_is_served(api: Api) -> None:
    response = await api.client.get("/schema/swagger")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "SwaggerUIBundle" in response.text
    assert '"openapi":"3.1.0"' in response.text


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
