"""Swagger UI and ReDoc render in a real browser that may reach nothing but our server."""

import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from tests.e2e.browsers import chromium
from tests.e2e.races.servers import Server, server_environment, start_server

pytestmark = pytest.mark.slow
RENDER_TIMEOUT_MS = 60_000  # a loaded machine parses 1.4 MB of Swagger UI slowly


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("docs")
    shutil.copy(sqlite_template, workdir / "boxoffice.db")
    env = server_environment(
        f"sqlite+aiosqlite:///{workdir / 'boxoffice.db'}", secrets.token_urlsafe(48)
    )
    started = start_server(env, workdir, "docs")
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


def open_offline(browser: Browser, server: Server, path: str) -> tuple[Page, list[str]]:
    """The page, with every request to another origin refused and recorded."""
    page = browser.new_page()
    elsewhere: list[str] = []

    def only_our_server(route: Route) -> None:
        if route.request.url.startswith(server.url + "/"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_our_server)
    page.goto(server.url + path)
    return page, elsewhere


def test_swagger_ui_renders_every_operation_without_the_internet(
    browser: Browser, server: Server
) -> None:
    page, elsewhere = open_offline(browser, server, "/schema/swagger")

    operations = page.locator(".opblock-summary-path")
    operations.first.wait_for(timeout=RENDER_TIMEOUT_MS)
    paths = set(operations.all_inner_texts())
    assert {"/events", "/bookings", "/events/{event_id}/register"} <= {
        p.replace("\u200b", "") for p in paths
    }
    assert elsewhere == []


def test_redoc_renders_the_api_without_the_internet(browser: Browser, server: Server) -> None:
    page, elsewhere = open_offline(browser, server, "/schema/redoc")

    heading = page.get_by_role("heading", name="boxoffice")
    heading.first.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert page.get_by_text("Book tickets").count() >= 1
    assert elsewhere == []
