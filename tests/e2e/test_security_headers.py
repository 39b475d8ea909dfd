"""Every answer carries the security headers: routed or not, success or problem."""

import dataclasses
import re
from urllib.parse import urlsplit

import httpx
import pytest
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin

from boxoffice.entrypoints.edge.security_headers import docs_asset_origins
from boxoffice.entrypoints.settings import Settings
from tests.e2e.api import PASSWORD, Api

API_POLICY = "default-src 'none'; frame-ancestors 'none'"
TOO_LARGE = b"x" * (11 * 1024 * 1024)  # past Litestar's 10 MB default for a request body
ANSWERS = {
    "ok": ("GET", "/events", None),
    "probe": ("GET", "/health", None),
    "unknown path": ("GET", "/nowhere", None),
    "unknown method": ("DELETE", "/events", None),
    "bad body": ("POST", "/auth/login", b"{}"),
    "no token": ("GET", "/auth/me", None),
    "too large": ("POST", "/auth/register", TOO_LARGE),
}
STATUSES = {"ok": 200, "probe": 200, "unknown path": 404, "unknown method": 405}
STATUSES |= {"bad body": 400, "no token": 401, "too large": 413}


def assert_hardened(answer: httpx.Response, policy: str = API_POLICY) -> None:
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["content-security-policy"] == policy


@pytest.mark.parametrize("name", ANSWERS)
async def test_every_kind_of_answer_carries_the_security_headers(
    client: httpx.AsyncClient, name: str
) -> None:
    method, path, body = ANSWERS[name]

    json_body = {"content-type": "application/json"} if body is not None else {}
    answer = await client.request(method, path, content=body, headers=json_body)

    assert answer.status_code == STATUSES[name], answer.text
    assert_hardened(answer)
    assert "strict-transport-security" not in answer.headers  # the public URL is not https


def directive(policy: str, name: str) -> list[str]:
    """The sources a policy lists for one directive."""
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"{name} not in {policy!r}")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


async def test_the_docs_page_may_load_what_it_names_and_nothing_else(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.get("/schema/swagger")
    page, policy = answer.text, answer.headers["content-security-policy"]
    scripts = re.findall(r"<script src=\"([^\"]+)\"", page)
    styles = re.findall(r"<link rel=\"stylesheet\" href=\"([^\"]+)\"", page)
    icons = re.findall(r"<link rel=\"icon\"[^>]* href=\"([^\"]+)\"", page)

    assert scripts
    assert styles
    assert directive(policy, "default-src") == ["'none'"]
    assert "frame-ancestors 'none'" in policy
    for urls, name in ((scripts, "script-src"), (styles, "style-src"), (icons, "img-src")):
        allowed = directive(policy, name)
        for url in urls:
            assert "'self'" in allowed if url.startswith("/") else origin_of(url) in allowed, url
    assert directive(policy, "connect-src") == ["'self'"]
    assert directive(policy, "script-src") == ["'self'"]  # no inline script, no other origin
    assert "<script>" not in page


def docs_with(plugin: SwaggerRenderPlugin) -> OpenAPIConfig:
    return OpenAPIConfig(title="boxoffice", version="1", render_plugins=[plugin])


def test_docs_served_from_this_origin_let_the_policy_name_no_other() -> None:
    served_here = SwaggerRenderPlugin(
        js_url="/schema/assets/swagger-ui-bundle.js",
        css_url="/schema/assets/swagger-ui.css",
        standalone_preset_js_url="/schema/assets/swagger-ui-standalone-preset.js",
        favicon="<link rel='icon' href='/schema/assets/favicon.png'>",
    )
    from_a_cdn = SwaggerRenderPlugin()

    assert (
        docs_asset_origins(OpenAPIConfig(title="t", version="1", render_plugins=[served_here]))
        == []
    )
    assert "https://cdn.jsdelivr.net" in docs_asset_origins(
        OpenAPIConfig(title="t", version="1", render_plugins=[from_a_cdn])
    )


async def test_a_token_answer_is_never_stored(api: Api) -> None:
    await api.user(username="meera")

    answer = await api.client.post("/auth/login", json={"login": "meera", "password": PASSWORD})

    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"


class TestLimited:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return dataclasses.replace(
            settings,
            rate_limits=dataclasses.replace(settings.rate_limits, api=1, window_seconds=3600),
        )

    async def test_a_429_carries_the_security_headers(self, client: httpx.AsyncClient) -> None:
        await client.get("/events")

        refused = await client.get("/events")

        assert refused.status_code == 429
        assert_hardened(refused)


class TestHttpsPublicUrl:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return dataclasses.replace(
            settings,
            http=dataclasses.replace(settings.http, public_url="https://tickets.example.com"),
        )

    @pytest.mark.parametrize("path", ["/events", "/nowhere", "/schema/swagger"])
    async def test_browsers_are_told_to_use_https_only(
        self, client: httpx.AsyncClient, path: str
    ) -> None:
        answer = await client.get(path)

        assert answer.headers["strict-transport-security"] == "max-age=31536000"
