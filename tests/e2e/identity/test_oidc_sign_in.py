"""Signing in through a real OpenID provider (oidc-provider-mock, in-process), driven as a
browser would: our login redirect, the provider's form, our callback, then the API."""

import dataclasses
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from litestar import Litestar
from oidc_provider_mock import run_server_in_thread

from boxoffice.entrypoints.settings import Settings
from tests.e2e.api import assert_problem
from tests.e2e.identity.conftest import user_count

CLIENT_ID = "boxoffice"


@pytest.fixture(scope="module")
def provider_url() -> Iterator[str]:
    with run_server_in_thread() as server:
        # The mock's issuer follows the Host header; name it one way everywhere.
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def frontend_url() -> str:
    return ""


@pytest.fixture
def settings(settings: Settings, provider_url: str, frontend_url: str) -> Settings:
    return dataclasses.replace(
        settings,
        identity=dataclasses.replace(
            settings.identity,
            oidc_issuer=provider_url,
            oidc_audience="https://api.boxoffice.test",
            oidc_client_id=CLIENT_ID,
            oidc_client_secret="client-secret-for-tests",
            oidc_roles_claim="roles",
            oidc_frontend_url=frontend_url,
        ),
    )


def set_claims(provider_url: str, sub: str, **claims: object) -> None:
    httpx.put(f"{provider_url}/users/{sub}", json=claims, timeout=5).raise_for_status()


async def sign_in_at_provider(
    client: httpx.AsyncClient, sub: str, action: str = "allow"
) -> tuple[str, httpx.Response]:
    """Our login redirect, then the provider's form; the callback URL it sends us back to."""
    start = await client.get("/auth/oidc/login")
    assert start.status_code == 302, start.text
    authorize = start.headers["location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["client_id"] == [CLIENT_ID]
    form = {"sub": sub} if action == "allow" else {"action": "deny"}
    async with httpx.AsyncClient() as browser:
        answer = await browser.post(authorize, data=form)
    assert answer.status_code in (302, 303), answer.text
    return answer.headers["location"], start


async def test_a_person_signs_in_through_the_provider_and_uses_the_api(
    client: httpx.AsyncClient, provider_url: str, app: Litestar
) -> None:
    set_claims(provider_url, "meera", email="meera@example.com", name="Meera I", roles=["admin"])

    callback, start = await sign_in_at_provider(client, "meera")
    cookie = start.headers["set-cookie"].lower()
    answer = await client.get(callback)

    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert answer.status_code == 200, answer.text
    assert answer.json()["token_type"] == "bearer"
    token = {"Authorization": f"Bearer {answer.json()['access_token']}"}
    assert (await client.get("/my/bookings", headers=token)).status_code == 200
    account = (await client.get("/auth/me", headers=token)).json()
    assert (account["email"], account["role"], account["full_name"]) == (
        "meera@example.com",
        "admin",
        "Meera I",
    )
    assert (await client.get("/users", headers=token)).status_code == 200
    assert await user_count(app) == 1


async def test_signing_in_again_finds_the_same_user(
    client: httpx.AsyncClient, provider_url: str, app: Litestar
) -> None:
    set_claims(provider_url, "ravi", email="ravi@example.com")
    ids = []
    for _ in range(2):
        callback, _ = await sign_in_at_provider(client, "ravi")
        token = (await client.get(callback)).json()["access_token"]
        me = await client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
        ids.append(me.json()["id"])

    assert ids[0] == ids[1]
    assert await user_count(app) == 1


async def test_a_refusal_at_the_provider_is_a_clear_400(client: httpx.AsyncClient) -> None:
    callback, _ = await sign_in_at_provider(client, "", action="deny")

    body = assert_problem(await client.get(callback), 400)

    assert "access_denied" in body["detail"]


async def test_a_callback_with_another_state_is_refused(client: httpx.AsyncClient) -> None:
    callback, _ = await sign_in_at_provider(client, "anita")
    forged = callback.replace("state=", "state=x")

    assert_problem(await client.get(forged), 400)


async def test_a_callback_without_the_sign_in_cookie_is_refused(
    client: httpx.AsyncClient, app: Litestar
) -> None:
    callback, _ = await sign_in_at_provider(client, "anita")
    client.cookies.clear()

    assert_problem(await client.get(callback), 400)
    assert await user_count(app) == 0


async def test_a_code_used_twice_is_refused_the_second_time(client: httpx.AsyncClient) -> None:
    callback, _ = await sign_in_at_provider(client, "anita")
    flow_cookie = dict(client.cookies)
    assert (await client.get(callback)).status_code == 200

    client.cookies.update(flow_cookie)
    body = assert_problem(await client.get(callback), 400)

    assert "invalid_grant" in body["detail"]


@pytest.mark.parametrize("query", ["", "?code=abc", "?state=abc", "?error=server_error"])
async def test_a_callback_with_missing_parts_is_a_400(
    client: httpx.AsyncClient, query: str
) -> None:
    assert_problem(await client.get(f"/auth/oidc/callback{query}"), 400)


@pytest.mark.parametrize("frontend_url", ["https://app.boxoffice.test/signed-in"])
async def test_with_a_front_end_the_callback_redirects_there_with_the_token(
    client: httpx.AsyncClient,
) -> None:
    callback, _ = await sign_in_at_provider(client, "anita")

    answer = await client.get(callback)

    assert answer.status_code == 303
    assert answer.headers["cache-control"] == "no-store"
    target = urlsplit(answer.headers["location"])
    assert target.netloc == "app.boxoffice.test"
    fragment = parse_qs(target.fragment)
    assert fragment["token_type"] == ["bearer"]
    token = {"Authorization": f"Bearer {fragment['access_token'][0]}"}
    assert (await client.get("/my/bookings", headers=token)).status_code == 200


@pytest.mark.parametrize("frontend_url", ["https://app.boxoffice.test/signed-in"])
async def test_with_a_front_end_a_refusal_goes_back_there_saying_why(
    client: httpx.AsyncClient,
) -> None:
    callback, _ = await sign_in_at_provider(client, "", action="deny")

    answer = await client.get(callback)

    assert answer.status_code == 303
    target = urlsplit(answer.headers["location"])
    assert (target.netloc, target.path) == ("app.boxoffice.test", "/signed-in")
    fragment = parse_qs(target.fragment)
    assert fragment["error"] == ["sign_in_failed"]
    assert "access_denied" in fragment["error_description"][0]
    assert "access_token" not in fragment
    assert 'boxoffice_sign_in=""' in answer.headers["set-cookie"]


async def test_swagger_ui_offers_the_provider_next_to_bearer_tokens(
    client: httpx.AsyncClient, provider_url: str
) -> None:
    schema = (await client.get("/schema/openapi.json")).json()
    swagger = (await client.get("/schema/swagger")).text

    schemes = schema["components"]["securitySchemes"]
    assert schemes["IdentityProvider"]["type"] == "openIdConnect"
    assert schemes["IdentityProvider"]["openIdConnectUrl"].startswith(provider_url)
    assert {"IdentityProvider": []} in schema["paths"]["/my/bookings"]["get"]["security"]
    assert {"BearerToken": []} in schema["paths"]["/my/bookings"]["get"]["security"]
    assert "usePkceWithAuthorizationCodeGrant" in swagger


async def test_over_plain_http_the_sign_in_cookie_is_not_secure(client: httpx.AsyncClient) -> None:
    cookie = (await client.get("/auth/oidc/login")).headers["set-cookie"].lower()

    assert "secure" not in cookie.split("; ")


class TestBehindTls:
    """A proxy ends TLS: the request says http, the public URL says https."""

    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return dataclasses.replace(
            settings,
            http=dataclasses.replace(settings.http, public_url="https://tickets.boxoffice.test"),
        )

    async def test_the_sign_in_cookie_is_secure(self, client: httpx.AsyncClient) -> None:
        cookie = (await client.get("/auth/oidc/login")).headers["set-cookie"].lower()

        assert "secure" in cookie.split("; ")


class TestCallbackLimit:
    """Each callback spends a code at the provider: it shares the credentials allowance."""

    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return dataclasses.replace(
            settings,
            rate_limits=dataclasses.replace(settings.rate_limits, login=3, window_seconds=3600),
        )

    async def test_callbacks_past_the_allowance_are_429_however_the_path_is_spelled(
        self, client: httpx.AsyncClient
    ) -> None:
        answers = [await client.get("/auth/oidc/callback?code=abc") for _ in range(3)]
        respelled = await client.get("/auth/oidc/callback/?code=abc")

        assert [a.status_code for a in answers] == [400] * 3
        assert_problem(respelled, 429)
