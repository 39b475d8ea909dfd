"""Swagger UI and ReDoc that work offline: their files come from the openapi-ui-bundles package
and are served by us under /schema/assets, never from a CDN. The pages run no inline script
(the start-up code is an asset too, reading its settings from data attributes), so a Content
Security Policy of 'self' scripts allows them."""

import html
import json
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import openapi_ui_bundles
from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.openapi.plugins import RedocRenderPlugin, SwaggerRenderPlugin
from litestar.params import FromPath
from litestar.router import Router

BUNDLE_VERSION = version("openapi-ui-bundles")
ASSETS = f"/schema/assets/{BUNDLE_VERSION}"  # a new package version is a new URL: cache forever
_SWAGGER = openapi_ui_bundles.swagger_ui.static_path
_REDOC = openapi_ui_bundles.redoc.static_path
FILES: dict[str, Path] = {
    "swagger-ui.css": _SWAGGER / "swagger-ui.css",
    "swagger-ui-bundle.js": _SWAGGER / "swagger-ui-bundle.js",
    "swagger-ui-standalone-preset.js": _SWAGGER / "swagger-ui-standalone-preset.js",
    "favicon-32x32.png": _SWAGGER / "favicon-32x32.png",
    "redoc.standalone.js": _REDOC / "redoc.standalone.js",
    "logo-mini.svg": _REDOC / "logo-mini.svg",
}
# ReDoc's sidebar shows its maker's logo from their CDN; the package ships the same file.
_REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
OWN: dict[str, str] = {
    "docs.css": "body { margin: 0; padding: 0 }\n",
    "swagger-init.js": """"use strict";
(function () {
  const container = document.getElementById("swagger-container");
  const ui = SwaggerUIBundle({
    url: container.dataset.specUrl,
    dom_id: "#swagger-container",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    validatorUrl: null,  // the default badge asks a public validator about our document
  });
  if (container.dataset.initOauth) {
    ui.initOAuth(JSON.parse(container.dataset.initOauth));
  }
})();
""",
}
MEDIA_TYPES = {
    ".js": "text/javascript",  # Litestar adds the charset to text types
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
CACHE_FOREVER = "public, max-age=31536000, immutable"
FAVICON = f'<link rel="icon" type="image/png" href="{ASSETS}/favicon-32x32.png">'
_HEAD = (
    '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    f"{FAVICON}"
    f'<link rel="stylesheet" href="{ASSETS}/docs.css">'
)


@cache
def asset(name: str) -> bytes:
    if name in OWN:
        return OWN[name].encode()
    if name not in FILES:
        raise NotFoundException(f"no documentation asset {name!r}")
    return FILES[name].read_bytes().replace(_REDOC_LOGO, f"{ASSETS}/logo-mini.svg".encode())


@get(f"/assets/{BUNDLE_VERSION}/{{name:str}}", include_in_schema=False, sync_to_thread=False)
def docs_asset(name: FromPath[str]) -> Response[bytes]:
    body = asset(name)
    media_type = MEDIA_TYPES[Path(name).suffix]
    return Response(body, media_type=media_type, headers={"Cache-Control": CACHE_FOREVER})


class OfflineSwagger(SwaggerRenderPlugin):
    def __init__(self, init_oauth: dict[str, Any] | None = None) -> None:
        super().__init__(
            js_url=f"{ASSETS}/swagger-ui-bundle.js",
            css_url=f"{ASSETS}/swagger-ui.css",
            standalone_preset_js_url=f"{ASSETS}/swagger-ui-standalone-preset.js",
            init_oauth=init_oauth,
            favicon=FAVICON,  # Litestar's default names a CDN
        )

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        oauth = html.escape(json.dumps(self.init_oauth), quote=True) if self.init_oauth else ""
        spec_url = html.escape(self.get_openapi_json_route(request), quote=True)
        return (
            f"<!DOCTYPE html><html lang='en'><head><title>{_title(openapi_schema)}</title>"
            f'{_HEAD}<link rel="stylesheet" href="{self.css_url}"></head><body>'
            f'<div id="swagger-container" data-spec-url="{spec_url}" data-init-oauth="{oauth}">'
            f'</div><script src="{self.js_url}"></script>'
            f'<script src="{self.standalone_preset_js_url}"></script>'
            f'<script src="{ASSETS}/swagger-init.js"></script></body></html>'
        ).encode()

    def receive_router(self, router: Router) -> None:
        super().receive_router(router)
        router.register(docs_asset)


class OfflineRedoc(RedocRenderPlugin):
    def __init__(self) -> None:
        super().__init__(
            js_url=f"{ASSETS}/redoc.standalone.js", google_fonts=False, favicon=FAVICON
        )

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        spec_url = html.escape(self.get_openapi_json_route(request), quote=True)
        # ReDoc renders a <redoc spec-url> element by itself: no start-up script needed.
        return (
            f"<!DOCTYPE html><html lang='en'><head><title>{_title(openapi_schema)}</title>"
            f'{_HEAD}</head><body><redoc spec-url="{spec_url}"></redoc>'
            f'<script src="{self.js_url}"></script></body></html>'
        ).encode()


def _title(openapi_schema: dict[str, Any]) -> str:
    return html.escape(str(openapi_schema["info"]["title"]))
