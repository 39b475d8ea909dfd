"""Security headers on every answer, as the outermost ASGI middleware so that nothing escapes
it: routed answers, 404 and 405 from the router, 413, 429 and every other problem."""

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from litestar.enums import ScopeType
from litestar.openapi import OpenAPIConfig
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from boxoffice.entrypoints.edge.raw_headers import RawHeaders, add_missing, encoded
from boxoffice.entrypoints.settings import Settings

DOCS_PREFIX = "/schema"
UI_PREFIX = "/ui"
# A year; not includeSubDomains, which would bind the operator's other hosts to HTTPS too.
HSTS = "max-age=31536000"
# The API answers JSON: nothing in it may load, run or be framed.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
# The documentation pages (Swagger UI, ReDoc) load their scripts and styles from this origin
# (served from a Python package, see docs_assets.py), plus any other origin a configured
# render plugin names. They run no inline script; the renderers set styles while they run,
# hence 'unsafe-inline' for styles. Icons are data: URIs; ReDoc runs its search in a blob:
# worker; "Try it out" calls this origin and, with provider sign-in, the provider's discovery
# and token endpoints.
DOCS_POLICY = (
    "default-src 'none'; script-src 'self'{scripts}{assets}; "
    "style-src 'self' 'unsafe-inline'{assets}; img-src 'self' data:{assets}; "
    "font-src 'self' data:{assets}; worker-src 'self' blob:; connect-src 'self'{providers}; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Litestar's page that hands a provider's sign-in back to Swagger UI is one inline script.
OAUTH2_REDIRECT = DOCS_PREFIX + "/oauth2-redirect.html"
# The web UI loads only its own bundles: no inline script (critical-CSS inlining is off), but
# Angular adds its components' styles as <style> elements at run time, hence 'unsafe-inline'
# for styles alone. Its API calls and the notification socket go to this origin.
UI_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; manifest-src 'self'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Where Litestar's render plugins keep the URLs (or <link> tags) of what their pages load.
ASSET_ATTRIBUTES = ("js_url", "css_url", "standalone_preset_js_url", "favicon")
ABSOLUTE_URL = re.compile(r"https?://[^\s'\"<>]+")


def security_headers(app: ASGIApp, settings: Settings, docs_assets: Iterable[str] = ()) -> ASGIApp:
    """`docs_assets`: the origins the documentation pages load from (`docs_asset_origins`)."""
    common = _common_headers(settings)
    sources = {"assets": _sources(docs_assets), "providers": _sources(_provider_origins(settings))}

    def with_policy(policy: str) -> RawHeaders:
        return encoded({**common, "Content-Security-Policy": policy})

    # Encoded once: every answer adds the same few.
    api, ui = with_policy(API_POLICY), with_policy(UI_POLICY)
    docs = with_policy(DOCS_POLICY.format(scripts="", **sources))
    redirect = with_policy(DOCS_POLICY.format(scripts=" 'unsafe-inline'", **sources))

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        path = scope["path"]
        if path == OAUTH2_REDIRECT:
            added = redirect
        elif _under(path, DOCS_PREFIX):
            added = docs
        elif _under(path, UI_PREFIX):
            added = ui
        else:
            added = api

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                add_missing(message, added)  # a handler that set its own knows better
            await send(message)

        await app(scope, receive, send_with_headers)

    return middleware


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def docs_asset_origins(openapi: OpenAPIConfig | None) -> list[str]:
    """The other origins the documentation pages load scripts, styles and icons from."""
    plugins = openapi.render_plugins if openapi is not None else []
    texts = [
        str(getattr(plugin, name, "") or "") for plugin in plugins for name in ASSET_ATTRIBUTES
    ]
    return sorted({_origin(url) for text in texts for url in ABSOLUTE_URL.findall(text)})


def _sources(origins: Iterable[str]) -> str:
    return "".join(f" {origin}" for origin in origins)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _common_headers(settings: Settings) -> Mapping[str, str]:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",  # for browsers that predate CSP's frame-ancestors
        "Referrer-Policy": "no-referrer",
    }
    if settings.http.public_url.startswith("https://"):
        headers["Strict-Transport-Security"] = HSTS
    return headers


def _provider_origins(settings: Settings) -> list[str]:
    if not settings.identity.oidc_sign_in_enabled:
        return []
    urls = {settings.identity.oidc_issuer, settings.identity.oidc_discovery_url} - {""}
    return sorted({_origin(url) for url in urls})
