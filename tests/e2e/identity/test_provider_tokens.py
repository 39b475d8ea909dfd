"""The provider's access tokens work everywhere a local token does, in Keycloak and Auth0 shapes."""

import dataclasses

import httpx
import pytest
from litestar import Litestar

from boxoffice.entrypoints.settings import Settings
from tests.e2e.api import Api, Caller
from tests.e2e.identity.conftest import (
    AUTH0_NAMESPACED,
    bearer,
    me,
    token_for,
    user_count,
)
from tests.signing_provider import SigningKey, SigningProvider


async def test_a_keycloak_token_provisions_a_user_who_books_and_reads_their_bookings(
    api: Api, admin: Caller, provider: SigningProvider, app: Litestar
) -> None:
    token = token_for(
        provider,
        sub="f:1234:meera",
        email="meera@example.com",
        email_verified=True,
        preferred_username="meera",
        name="Meera Iyer",
        realm_access={"roles": ["customer", "offline_access"]},
    )
    event = await api.event(admin)

    booked = await api.client.post(
        "/bookings", json={"event_id": event["id"], "quantity": 2}, headers=bearer(token)
    )
    mine = await api.client.get("/my/bookings", headers=bearer(token))
    account = (await me(api.client, token)).json()

    assert booked.status_code == 201, booked.text
    assert [b["id"] for b in mine.json()["items"]] == [booked.json()["id"]]
    assert account["username"] == "meera"
    assert account["email"] == "meera@example.com"
    assert account["role"] == "customer"
    assert account["is_verified"] is True
    assert await user_count(app) == 2


async def test_the_admin_role_in_the_roles_claim_opens_the_admin_routes(
    client: httpx.AsyncClient, provider: SigningProvider
) -> None:
    token = token_for(provider, sub="boss", realm_access={"roles": ["admin"]})

    assert (await client.get("/users", headers=bearer(token))).status_code == 200


async def test_later_tokens_update_the_users_changed_claims(
    client: httpx.AsyncClient, provider: SigningProvider, app: Litestar
) -> None:
    first = (await me(client, token_for(provider, email="old@example.com"))).json()

    later = await me(
        client,
        token_for(provider, email="new@example.com", realm_access={"roles": ["admin"]}),
    )

    assert later.json()["id"] == first["id"]
    assert later.json()["email"] == "new@example.com"
    assert later.json()["role"] == "admin"
    assert await user_count(app) == 1


@pytest.mark.parametrize("kid", ["ec-1", "pss-1"])
async def test_es256_and_ps256_tokens_are_accepted(
    client: httpx.AsyncClient, provider: SigningProvider, keys: dict[str, SigningKey], kid: str
) -> None:
    assert (await me(client, token_for(provider, keys[kid]))).status_code == 200


async def test_local_and_provider_tokens_work_side_by_side(
    client: httpx.AsyncClient, customer: Caller, provider: SigningProvider
) -> None:
    local = await client.get("/auth/me", headers=customer.headers)
    external = await me(client, token_for(provider))

    assert local.status_code == external.status_code == 200
    assert local.json()["id"] != external.json()["id"]


async def test_a_rotated_key_is_picked_up_after_one_refresh(
    client: httpx.AsyncClient, provider: SigningProvider, keys: dict[str, SigningKey]
) -> None:
    assert (await me(client, token_for(provider))).status_code == 200
    assert provider.jwks_fetches == 1

    provider.published = [keys["rsa-2"]]  # the provider rotates its keys
    rotated = await me(client, token_for(provider, keys["rsa-2"]))
    again = await me(client, token_for(provider, keys["rsa-2"]))

    assert rotated.status_code == again.status_code == 200
    assert provider.jwks_fetches == 2


@pytest.mark.parametrize("jwks_refresh_seconds", [3600])
async def test_unknown_key_ids_do_not_refetch_the_keys_before_the_interval(
    client: httpx.AsyncClient, provider: SigningProvider, keys: dict[str, SigningKey]
) -> None:
    assert (await me(client, token_for(provider))).status_code == 200

    for _ in range(5):
        forged = token_for(provider, keys["intruder"])
        assert (await me(client, forged)).status_code == 401

    assert provider.jwks_fetches == 1


class TestAuth0Shapes:
    @pytest.mark.parametrize("roles_claim", [AUTH0_NAMESPACED])
    async def test_roles_in_a_namespaced_claim(
        self, client: httpx.AsyncClient, provider: SigningProvider
    ) -> None:
        admin = token_for(provider, sub="auth0|1", **{AUTH0_NAMESPACED: ["admin"]})
        customer = token_for(provider, sub="auth0|2", **{AUTH0_NAMESPACED: []})

        assert (await client.get("/users", headers=bearer(admin))).status_code == 200
        assert (await client.get("/users", headers=bearer(customer))).status_code == 403

    @pytest.mark.parametrize("roles_claim", ["permissions"])
    async def test_permissions_of_an_api_with_an_audience_list(
        self, client: httpx.AsyncClient, provider: SigningProvider
    ) -> None:
        audiences = ["https://api.boxoffice.test", "https://tenant.auth0.com/userinfo"]
        token = token_for(provider, sub="auth0|3", aud=audiences, permissions=["admin"])

        assert (await client.get("/users", headers=bearer(token))).status_code == 200


class TestWithoutLocalAccounts:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return dataclasses.replace(
            settings, identity=dataclasses.replace(settings.identity, local_accounts=False)
        )

    async def test_passwords_are_switched_off_and_the_provider_still_signs_in(
        self, client: httpx.AsyncClient, provider: SigningProvider
    ) -> None:
        login = await client.post("/auth/login", json={"login": "a", "password": "b"})
        register = await client.post("/auth/register", json={})

        assert login.status_code == register.status_code == 404
        assert (await me(client, token_for(provider))).status_code == 200
