"""The app with an identity provider whose JWTs the tests sign, published from a real JWKS
endpoint on 127.0.0.1, next to local accounts."""

import dataclasses
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from litestar import Litestar
from sqlalchemy import func, select

from boxoffice.adapters.sqlalchemy.tables import users
from boxoffice.entrypoints.settings import Settings
from tests.signing_provider import SigningKey, SigningProvider, serving

AUDIENCE = "https://api.boxoffice.test"
KEYCLOAK = "realm_access.roles"
AUTH0_NAMESPACED = "https://boxoffice.test/roles"


@pytest.fixture(scope="session")
def keys() -> dict[str, SigningKey]:
    """Generated once: RSA keys are slow to make."""
    return {
        kid: SigningKey.new(kid, algorithm)
        for kid, algorithm in [
            ("rsa-1", "RS256"),
            ("ec-1", "ES256"),
            ("pss-1", "PS256"),
            ("rsa-2", "RS256"),
            ("intruder", "RS256"),
        ]
    }


@pytest.fixture
def provider(keys: dict[str, SigningKey]) -> Iterator[SigningProvider]:
    published = [keys["rsa-1"], keys["ec-1"], keys["pss-1"]]
    with serving(SigningProvider(published=published)) as running:
        yield running


@pytest.fixture
def roles_claim() -> str:
    return KEYCLOAK


@pytest.fixture
def jwks_refresh_seconds() -> int:
    return 0


@pytest.fixture
def settings(
    settings: Settings, provider: SigningProvider, roles_claim: str, jwks_refresh_seconds: int
) -> Settings:
    return dataclasses.replace(
        settings,
        identity=dataclasses.replace(
            settings.identity,
            oidc_issuer=provider.issuer,
            oidc_audience=AUDIENCE,
            oidc_roles_claim=roles_claim,
            oidc_jwks_refresh_seconds=jwks_refresh_seconds,
        ),
    )


def token_for(provider: SigningProvider, key: SigningKey | None = None, /, **claims: Any) -> str:
    """A token carrying `claims` (of any name: `key` is positional only), signed with `key` or
    the provider's published key."""
    return provider.sign(provider.claims(AUDIENCE, **claims), key)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def user_count(app: Litestar) -> int:
    async with app.state.container.infrastructure.engine().connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(users))).scalar_one())


async def me(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.get("/auth/me", headers=bearer(token))
