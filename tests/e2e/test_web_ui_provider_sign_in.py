"""The web UI's `Sign in with <provider>` in a real browser, against a real OpenID provider
(oidc-provider-mock) and a real `boxoffice serve` serving the built UI."""

import json
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from oidc_provider_mock import run_server_in_thread
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, expect

from tests.conftest import ON_CI
from tests.e2e.browsers import chromium
from tests.e2e.races.servers import (
    BOXOFFICE,
    HOST,
    Server,
    _wait_until_healthy,
    free_port,
    server_environment,
)

pytestmark = pytest.mark.slow
BUILT_UI = Path(__file__).resolve().parents[2] / "web" / "dist"
PROVIDER_NAME = "Mock ID"
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def provider_url() -> Iterator[str]:
    with run_server_in_thread() as provider:
        # The mock's issuer follows the Host header; name it one way everywhere.
        yield f"http://localhost:{provider.server_port}"


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path, provider_url: str
) -> Iterator[Server]:
    if not (BUILT_UI / "index.html").exists():
        message = "the web UI is not built: run `cd web && npm ci && npm run build`"
        if ON_CI:
            pytest.fail(f"required on CI, but {message}")
        pytest.skip(message)
    workdir = tmp_path_factory.mktemp("provider-sign-in")
    shutil.copy(sqlite_template, workdir / "boxoffice.db")
    port = free_port()
    url = f"http://{HOST}:{port}"
    env = server_environment(
        f"sqlite+aiosqlite:///{workdir / 'boxoffice.db'}", secrets.token_urlsafe(48)
    ) | {
        "BOXOFFICE_WEB_DIR": str(BUILT_UI),
        "BOXOFFICE_OIDC_ISSUER": provider_url,
        "BOXOFFICE_OIDC_AUDIENCE": "https://api.boxoffice.test",
        "BOXOFFICE_OIDC_CLIENT_ID": "boxoffice",
        "BOXOFFICE_OIDC_CLIENT_SECRET": secrets.token_urlsafe(24),
        "BOXOFFICE_OIDC_ROLES_CLAIM": "roles",
        "BOXOFFICE_OIDC_PROVIDER_NAME": PROVIDER_NAME,
        "BOXOFFICE_OIDC_FRONTEND_URL": f"{url}/ui/auth/callback",
    }
    log = workdir / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [BOXOFFICE, "serve", "--host", HOST, "--port", str(port), "--no-migrate"],
            env=env,
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    started = Server(process, url, log)
    try:
        if not _wait_until_healthy(started):
            pytest.fail(f"boxoffice serve did not start:\n{started.log_tail()}")
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


def page_reaching_only(browser: Browser, *origins: str) -> tuple[Page, list[str]]:
    """A page whose requests to anywhere but `origins` are refused (and recorded)."""
    page = browser.new_context().new_page()
    page.set_default_timeout(TIMEOUT_MS)
    elsewhere: list[str] = []

    def only_ours(route: Route) -> None:
        if any(route.request.url.startswith(origin + "/") for origin in origins):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_ours)
    return page, elsewhere


def test_a_person_signs_in_with_the_provider_and_comes_back_where_they_were(
    browser: Browser, server: Server, provider_url: str
) -> None:
    claims = {"email": "asha@example.com", "name": "Asha Rao", "roles": []}
    httpx.put(f"{provider_url}/users/asha", json=claims, timeout=5).raise_for_status()
    page, elsewhere = page_reaching_only(browser, server.url, provider_url)
    violations: list[str] = []

    def note_violation(message: ConsoleMessage) -> None:
        if "Content Security" in message.text:
            violations.append(message.text)

    page.on("console", note_violation)

    page.goto(f"{server.url}/ui/login?next=%2Fnotifications")
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    page.wait_for_url(f"{provider_url}/**")
    page.locator("input[name=sub]").fill("asha")
    page.get_by_role("button", name="Authorize").click()

    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page).to_have_url(f"{server.url}/ui/notifications")
    assert "access_token" not in json.dumps(page.evaluate("() => [location.href, history.length]"))
    stored = json.loads(page.evaluate("() => localStorage.getItem('boxoffice.token')"))
    me = httpx.get(
        f"{server.url}/auth/me", headers={"Authorization": f"Bearer {stored['token']}"}, timeout=5
    )
    assert (me.status_code, me.json()["email"]) == (200, "asha@example.com")
    assert violations == []
    assert all(urlsplit(url).hostname not in (HOST, "localhost") for url in elsewhere)


def test_a_crafted_next_cannot_send_the_person_to_another_site(
    browser: Browser, server: Server, provider_url: str
) -> None:
    page, _ = page_reaching_only(browser, server.url, provider_url)

    page.goto(f"{server.url}/ui/login?next=%2F%2Fevil.example%2F")
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    page.wait_for_url(f"{provider_url}/**")
    page.locator("input[name=sub]").fill("ravi")
    page.get_by_role("button", name="Authorize").click()

    expect(page).to_have_url(f"{server.url}/ui/")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_refusal_at_the_provider_comes_back_to_the_ui_saying_why(
    browser: Browser, server: Server, provider_url: str
) -> None:
    page, _ = page_reaching_only(browser, server.url, provider_url)

    page.goto(f"{server.url}/ui/login")
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    page.wait_for_url(f"{provider_url}/**")
    page.get_by_role("button", name="Deny").click()

    expect(page.get_by_role("heading", name="Sign-in did not complete")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("access_denied")
    expect(page).to_have_url(f"{server.url}/ui/auth/callback")
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
