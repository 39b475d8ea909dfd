"""The built Angular UI under /ui/, served by the API's own process.

Litestar's static files router answers unknown paths with 404 even in html_mode, so a single
route does what a single-page app needs: files that exist are sent, extension-less paths get
index.html (the router in the browser resolves them), and a missing asset is a plain 404.
"""

import re
from pathlib import Path
from typing import Any

from litestar import Request, Response, Router, get
from litestar.params import FromPath
from litestar.response import File, Redirect

from boxoffice.entrypoints.edge.problems import problem
from boxoffice.entrypoints.settings import Settings

UI_PATH = "/ui"
# The checkout's root: src/entrypoints/http/web_ui.py is three folders below it.
DEFAULT_WEB_DIR = Path(__file__).resolve().parents[3] / "web" / "dist"
# Angular names its bundles after their content (`main-5QKXB7CU.js`, `chunk-C_PyUo5G.js`) and
# puts hashed images and fonts under media/, so a changed file is a new URL and the old one can
# be cached for good. Files copied from public/ keep their names: they are revalidated.
HASHED_NAME = re.compile(r"^(?:(?:main|chunk|polyfills|styles|worker)-|media/)[\w-]{8,}\.\w+$")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
BUILD_HINT = "run `make run`, or `npm ci && npm run build` in web/ (it needs Node.js and npm)"


def web_dir(settings: Settings) -> Path:
    return Path(settings.http.web_dir).resolve() if settings.http.web_dir else DEFAULT_WEB_DIR


def web_ui_router(settings: Settings) -> Router:
    root = web_dir(settings)

    @get("/{path:path}", include_in_schema=False, sync_to_thread=False)
    def ui_page(request: Request[Any, Any, Any], path: FromPath[Path]) -> Response[Any]:
        return _answer(request, root, str(path).lstrip("/"))

    @get("/", include_in_schema=False, sync_to_thread=False)
    def ui_home(request: Request[Any, Any, Any]) -> Response[Any]:
        return _answer(request, root, "")

    @get("/", include_in_schema=False, sync_to_thread=False)
    def home(request: Request[Any, Any, Any]) -> Response[Any]:
        # Browsers go to the UI; an API client asking for JSON gets what it always got. The
        # answer depends on Accept, and a shared cache must know it.
        if "text/html" in request.headers.get("accept", ""):
            return Redirect(UI_PATH + "/", status_code=302, headers={"Vary": "Accept"})
        answer = problem(request, 404, "Not Found", "Not Found")
        answer.headers["Vary"] = "Accept"
        return answer

    pages = Router(path=UI_PATH, route_handlers=[ui_home, ui_page])
    return Router(path="", route_handlers=[pages, home])


def _answer(request: Request[Any, Any, Any], root: Path, path: str) -> Response[Any]:
    index = root / "index.html"
    if not index.is_file():
        return problem(request, 404, "Web UI not built", f"The web UI is not built: {BUILD_HINT}.")
    name = path.rsplit("/", 1)[-1]
    if "." not in name:
        return _file(index, REVALIDATE)
    wanted = (root / path).resolve()
    if not wanted.is_relative_to(root.resolve()) or not wanted.is_file():
        return problem(request, 404, "Not Found", f"No such file in the web UI: {path}")
    return _file(wanted, IMMUTABLE if HASHED_NAME.match(path) else REVALIDATE)


def _file(path: Path, cache_control: str) -> Response[Any]:
    return File(
        path,
        filename=path.name,  # the Content-Type is guessed from it
        content_disposition_type="inline",
        headers={"Cache-Control": cache_control},
    )
