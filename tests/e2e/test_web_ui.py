"""The web UI's serving rules under /ui/, against a tiny stand-in for the Angular build."""

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from boxoffice.entrypoints.http.app import create_app
from boxoffice.entrypoints.settings import (
    BrokerSettings,
    DatabaseSettings,
    HttpSettings,
    IdentitySettings,
    Settings,
)
from tests.e2e.api import JWT_SECRET, running
from tests.e2e.transport import asgi_transport

INDEX = '<!doctype html><html><head><base href="/ui/"></head><body><app-root></app-root></body>'
BUNDLE = "console.log('boxoffice');"


@pytest.fixture
def built_ui(tmp_path: Path) -> Path:
    root = tmp_path / "dist"
    (root / "media").mkdir(parents=True)
    (root / "index.html").write_text(INDEX)
    (root / "main-5QKXB7CU.js").write_text(BUNDLE)
    (root / "chunk-C_PyUo5G.js").write_text(BUNDLE)
    (root / "favicon-dark.svg").write_text("<svg/>")
    (root / "media" / "logo-AB12CD34.svg").write_text("<svg/>")
    (root / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")
    (tmp_path / "secret.txt").write_text("outside the build")
    return root


def copy_of(sqlite_template: Path, folder: Path) -> Path:
    database = folder / "boxoffice.db"
    shutil.copy(sqlite_template, database)
    return database


async def client_for(web_dir: Path, database: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        database=DatabaseSettings(url=f"sqlite+aiosqlite:///{database}"),
        identity=IdentitySettings(jwt_secret=JWT_SECRET),
        http=HttpSettings(web_dir=str(web_dir)),
        broker=BrokerSettings(outbox_poll_seconds=3600),
    )
    app = create_app(settings)
    async with running(app):
        transport = asgi_transport(app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


@pytest.fixture
async def ui(built_ui: Path, sqlite_template: Path) -> AsyncIterator[httpx.AsyncClient]:
    async for client in client_for(built_ui, copy_of(sqlite_template, built_ui.parent)):
        yield client


@pytest.fixture
async def unbuilt(tmp_path: Path, sqlite_template: Path) -> AsyncIterator[httpx.AsyncClient]:
    async for client in client_for(tmp_path / "no-build-here", copy_of(sqlite_template, tmp_path)):
        yield client


@pytest.mark.parametrize("path", ["/ui/", "/ui", "/ui/events/42", "/ui/my/bookings"])
async def test_the_app_shell_answers_every_page_of_the_ui(ui: httpx.AsyncClient, path: str) -> None:
    response = await ui.get(path)

    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"


async def test_a_hashed_bundle_is_cached_for_a_year_as_immutable(ui: httpx.AsyncClient) -> None:
    for path in ("/ui/main-5QKXB7CU.js", "/ui/chunk-C_PyUo5G.js", "/ui/media/logo-AB12CD34.svg"):
        response = await ui.get(path)

        assert response.status_code == 200
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert (await ui.get("/ui/main-5QKXB7CU.js")).text == BUNDLE


@pytest.mark.parametrize("path", ["/ui/favicon.ico", "/ui/favicon-dark.svg"])
async def test_a_file_without_a_content_hash_is_revalidated(
    ui: httpx.AsyncClient, path: str
) -> None:
    response = await ui.get(path)

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "path", ["/ui/main-OLDHASH1.js", "/ui/events/42/styles.css", "/ui/%2e%2e/secret.txt"]
)
async def test_a_missing_asset_is_a_404_problem_not_the_app_shell(
    ui: httpx.AsyncClient, path: str
) -> None:
    response = await ui.get(path)

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "outside the build" not in response.text


async def test_a_browser_asking_for_the_root_is_sent_to_the_ui(ui: httpx.AsyncClient) -> None:
    response = await ui.get("/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})

    assert response.status_code == 302
    assert response.headers["location"] == "/ui/"
    assert response.headers["vary"] == "Accept"


async def test_an_api_client_asking_for_the_root_still_gets_a_json_404(
    ui: httpx.AsyncClient,
) -> None:
    response = await ui.get("/", headers={"Accept": "application/json"})

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["vary"] == "Accept"


async def test_the_api_keeps_its_paths_beside_the_ui(ui: httpx.AsyncClient) -> None:
    response = await ui.get("/events")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")


async def test_without_a_build_the_ui_answers_a_404_saying_how_to_build_it(
    unbuilt: httpx.AsyncClient,
) -> None:
    response = await unbuilt.get("/ui/events/42")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "npm run build" in response.json()["detail"]


def test_the_web_ui_is_looked_for_in_the_checkouts_web_dist_by_default() -> None:
    from boxoffice.entrypoints.http.web_ui import web_dir

    assert web_dir(Settings()) == Path(__file__).resolve().parents[2] / "web" / "dist"


@pytest.mark.parametrize("path", ["/ui/", "/ui/events/any", "/ui/main-5QKXB7CU.js"])
async def test_the_ui_may_run_only_its_own_scripts(ui: httpx.AsyncClient, path: str) -> None:
    answer = await ui.get(path)

    policy = dict(
        part.strip().split(" ", 1) for part in answer.headers["content-security-policy"].split(";")
    )
    assert answer.status_code == 200
    assert policy["script-src"] == "'self'"  # no inline script, no other origin
    assert policy["connect-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert answer.headers["x-content-type-options"] == "nosniff"


async def test_api_answers_keep_the_policy_that_lets_nothing_run(ui: httpx.AsyncClient) -> None:
    answer = await ui.get("/events")

    assert answer.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
