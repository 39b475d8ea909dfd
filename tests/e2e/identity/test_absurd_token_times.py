"""A provider's token whose `exp`, `iat` or `nbf` is absurd is a 401 problem, never a 500, and
provisions nobody."""

import httpx
import pytest
from jwt.api_jws import PyJWS
from litestar import Litestar

from tests.absurd_times import ABSURD_TIMES, TIME_CLAIMS, payload_with
from tests.e2e.api import assert_problem
from tests.e2e.identity.conftest import AUDIENCE, bearer, token_for, user_count
from tests.signing_provider import SigningProvider


def provider_token(provider: SigningProvider, claim: str, raw_json: str) -> str:
    """Signed with the provider's published key, valid but for `claim`."""
    key = provider.published[0]
    claims = provider.claims(AUDIENCE) | {"nbf": provider.claims(AUDIENCE)["iat"]}
    payload = payload_with(claims, claim, raw_json)
    return PyJWS().encode(payload, key.private, algorithm=key.algorithm, headers={"kid": key.kid})


async def test_a_token_with_plausible_times_is_accepted(
    client: httpx.AsyncClient, provider: SigningProvider
) -> None:
    issued = str(provider.claims(AUDIENCE)["iat"]) + ".25"

    response = await client.get("/auth/me", headers=bearer(provider_token(provider, "iat", issued)))

    assert response.status_code == 200, response.text


@pytest.mark.parametrize("claim", TIME_CLAIMS)
async def test_an_absurd_time_claim_is_401_and_provisions_nobody(
    client: httpx.AsyncClient, app: Litestar, provider: SigningProvider, claim: str
) -> None:
    assert (await client.get("/auth/me", headers=bearer(token_for(provider)))).status_code == 200
    before = await user_count(app)

    for raw in ABSURD_TIMES:
        token = provider_token(provider, claim, raw)

        response = await client.get("/auth/me", headers=bearer(token))

        assert response.status_code == 401, (raw, response.text)
        assert_problem(response, 401)
    assert await user_count(app) == before
