"""GET /auth/providers: what a sign-in page offers besides a password."""

import dataclasses
from typing import TypedDict

import httpx
import pytest

from boxoffice.entrypoints.settings import Settings

ISSUER = "https://tenant.eu.auth0.test/"


class ProviderSettings(TypedDict, total=False):
    oidc_issuer: str
    oidc_audience: str
    oidc_client_id: str
    oidc_provider_name: str


@pytest.fixture
def provider_settings() -> ProviderSettings:
    return {}


@pytest.fixture
def settings(settings: Settings, provider_settings: ProviderSettings) -> Settings:
    return dataclasses.replace(
        settings, identity=dataclasses.replace(settings.identity, **provider_settings)
    )


async def test_without_a_provider_there_is_none_to_offer(client: httpx.AsyncClient) -> None:
    answer = await client.get("/auth/providers")

    assert answer.status_code == 200
    assert answer.json() == []


@pytest.mark.parametrize(
    "provider_settings",
    [{"oidc_issuer": ISSUER, "oidc_audience": "https://api.boxoffice.test"}],
)
async def test_a_provider_that_only_checks_tokens_offers_no_sign_in(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.get("/auth/providers")).json() == []


@pytest.mark.parametrize(
    "provider_settings",
    [{"oidc_issuer": ISSUER, "oidc_audience": "https://api.boxoffice.test", "oidc_client_id": "b"}],
)
async def test_a_provider_is_named_after_its_issuers_host_by_default(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.get("/auth/providers")

    assert answer.json() == [
        {"id": "oidc", "name": "tenant.eu.auth0.test", "login_url": "/auth/oidc/login"}
    ]


@pytest.mark.parametrize(
    "provider_settings",
    [
        {
            "oidc_issuer": ISSUER,
            "oidc_audience": "https://api.boxoffice.test",
            "oidc_client_id": "b",
            "oidc_provider_name": "Acme SSO",
        }
    ],
)
async def test_a_provider_can_be_given_a_display_name(client: httpx.AsyncClient) -> None:
    assert [p["name"] for p in (await client.get("/auth/providers")).json()] == ["Acme SSO"]
