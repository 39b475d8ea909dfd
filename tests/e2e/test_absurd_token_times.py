"""A local token whose `exp`, `iat` or `nbf` is absurd is a 401 problem, never a 500."""

import time

import pytest
from jwt.api_jws import PyJWS

from tests.absurd_times import ABSURD_TIMES, TIME_CLAIMS, payload_with
from tests.e2e.api import JWT_SECRET, Api, Caller, assert_problem


def local_token(caller: Caller, claim: str, raw_json: str) -> str:
    """A token signed with the service's own secret, for `caller`, valid but for `claim`."""
    now = int(time.time())
    claims = {
        "iss": "boxoffice",
        "sub": caller.id,
        "role": "customer",
        "verified": False,
        "username": caller.username,
        "iat": now,
        "nbf": now,
        "exp": now + 600,
    }
    return PyJWS().encode(payload_with(claims, claim, raw_json), JWT_SECRET, algorithm="HS256")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "expiry",
    [f"{int(time.time()) + 600}.5", "253402300799"],  # fractions are allowed; so is 9999
    ids=["a fraction of a second", "the last second of 9999"],
)
async def test_the_same_token_with_plausible_times_is_accepted(
    api: Api, customer: Caller, expiry: str
) -> None:
    token = local_token(customer, "exp", expiry)

    response = await api.client.get("/auth/me", headers=bearer(token))

    assert response.status_code == 200, response.text


@pytest.mark.parametrize("claim", TIME_CLAIMS)
async def test_an_absurd_time_claim_is_401(api: Api, customer: Caller, claim: str) -> None:
    for raw in ABSURD_TIMES:
        token = local_token(customer, claim, raw)

        response = await api.client.get("/auth/me", headers=bearer(token))

        assert response.status_code == 401, (raw, response.text)
        assert_problem(response, 401)
